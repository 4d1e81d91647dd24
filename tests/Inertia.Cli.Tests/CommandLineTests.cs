using Inertia.Cli.Options;

namespace Inertia.Cli.Tests;

public class CommandLineTests
{
    private static CompareOptions Compare(params string[] args) => CompareOptions.From(ArgumentParser.Parse("compare", CompareOptions.Specs, args));

    [Fact]
    public void Defaults_are_the_chapters_race()
    {
        var o = Compare();
        Assert.Equal(["sgd", "momentum", "nag", "adagrad", "rmsprop", "adam", "adamax", "nadam", "adamw"], o.Optimizers);
        Assert.Equal(5, o.Epochs);
        Assert.Equal(32, o.BatchSize);
        Assert.Equal(1, o.Seeds);
        Assert.Equal("inertia-report", o.OutDirectory);
        Assert.Equal(0.8, o.TargetAccuracy);
        Assert.Equal(0.9, Compare("--data", "/").TargetAccuracy);
        Assert.Null(o.Model.Widths);
        Assert.Equal("relu", o.Model.Activation);
        Assert.Equal("he_normal", o.Model.Initializer);
        Assert.Equal(0.01, o.Settings["sgd"]["learningRate"]);
        Assert.Equal(0.001, o.Settings["momentum"]["learningRate"]);
        Assert.Equal(0.9, o.Settings["momentum"]["momentum"]);
        Assert.Equal(true, o.Settings["nag"]["nesterov"]);
        Assert.Equal(0.9, o.Settings["rmsprop"]["rho"]);
    }

    [Fact]
    public void Every_option_is_read_in_both_spellings()
    {
        var o = Compare("--optimizers", "adam,sgd", "--epochs=3", "--batch-size", "64", "--seeds", "2", "--seed", "7",
            "--target-accuracy", "0.8", "--out", "r", "--threads", "1", "--model", "784-50-10", "--activation", "tanh",
            "--initializer", "glorot_uniform", "--batch-norm", "--set", "adam.learningRate=3e-4", "--validation-split", "0.25",
            "--samples", "500", "--quiet", "--no-trajectories");
        Assert.Equal(["adam", "sgd"], o.Optimizers);
        Assert.Equal((3, 64, 2, 7UL, 0.8, "r", 1), (o.Epochs, o.BatchSize, o.Seeds, o.Seed, o.TargetAccuracy, o.OutDirectory, o.Threads!.Value));
        Assert.Equal([784, 50, 10], o.Model.Widths);
        Assert.True(o.Model.BatchNormalization);
        Assert.Equal(3e-4, o.Settings["adam"]["learningRate"]);
        Assert.Equal((0.25, 500), (o.Data.ValidationSplit, o.Data.Samples));
        Assert.True(o.Quiet);
        Assert.False(o.Trajectories);
    }

    [Theory]
    [InlineData("unknown option '--epoch'", "compare", "--epoch", "3")]
    [InlineData("option '--epochs' needs a whole number, got 'three'", "compare", "--epochs", "three")]
    [InlineData("option '--epochs' must be between 1 and 10000, got 0", "compare", "--epochs", "0")]
    [InlineData("option '--batch-size' needs a value (N)", "compare", "--batch-size")]
    [InlineData("option '--target-accuracy' must be in [0, 1], got 1.5", "compare", "--target-accuracy", "1.5")]
    [InlineData("option '--validation-split' must be in (0, 1), got 1", "compare", "--validation-split", "1")]
    [InlineData("unknown optimizer 'adamm' in '--optimizers'", "compare", "--optimizers", "sgd,adamm")]
    [InlineData("optimizer 'sgd' is listed twice", "compare", "--optimizers", "sgd,sgd")]
    [InlineData("option '--set' needs optimizer.key=value", "compare", "--set", "learningRate=0.1")]
    [InlineData("names 'adam', which is not in the race", "compare", "--optimizers", "sgd", "--set", "adam.learningRate=0.1")]
    [InlineData("option '--model' needs positive whole widths", "compare", "--model", "784-x-10")]
    [InlineData("option '--epochs' is given twice", "compare", "--epochs", "1", "--epochs", "2")]
    [InlineData("option '--csv' needs '--label COLUMN'", "compare", "--csv", "/etc/hostname")]
    [InlineData("option '--quiet' takes no value", "compare", "--quiet=yes")]
    [InlineData("unexpected argument 'adam'", "compare", "adam")]
    [InlineData("unknown command 'race'", "race")]
    public void Bad_command_lines_get_one_line_and_exit_code_2(string message, params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains(message, r.Error);
        Assert.StartsWith("inertia: error: ", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_missing_data_folder_exits_with_the_data_code()
    {
        var r = CliRunner.Run("compare", "--data", "/no/such/mnist");
        Assert.Equal(ExitCodes.Data, r.ExitCode);
        Assert.Equal("inertia: error: data folder '/no/such/mnist' does not exist\n", r.Error);
    }

    [Fact]
    public void A_corrupt_IDX_file_is_one_line_naming_the_file()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("t10k-images-idx3-ubyte"), [0, 0, 8, 3, 0, 0, 0, 5]);
        File.WriteAllBytes(dir.File("t10k-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 5, 1, 2]);
        var r = CliRunner.Run("compare", "--data", dir.Path, "--quiet");
        Assert.Equal(ExitCodes.Data, r.ExitCode);
        Assert.Contains("t10k-", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void An_unknown_optimizer_setting_is_rejected_before_training()
    {
        var r = CliRunner.Run("compare", "--samples", "100", "--optimizers", "adam", "--set", "adam.learningRat=0.1", "--quiet", "--out", Path.Combine(Path.GetTempPath(), "never-written"));
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("learningRat", r.Error);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "never-written")));
    }

    [Fact]
    public void An_unknown_activation_is_rejected_before_training()
    {
        var r = CliRunner.Run("compare", "--samples", "100", "--activation", "sigmoidal", "--quiet");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("sigmoidal", r.Error);
    }

    [Fact]
    public void Model_widths_must_fit_the_data()
    {
        var r = CliRunner.Run("compare", "--samples", "100", "--model", "100-10", "--quiet");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("starts with 100 inputs but the data has 784 features", r.Error);
    }

    [Fact]
    public void A_config_file_supplies_options_and_the_command_line_wins()
    {
        using var dir = new TempDirectory();
        string path = dir.File("race.json");
        File.WriteAllText(path, """{"epochs": 9, "batchSize": 16, "optimizers": ["sgd", "adam"], "set": {"adam": {"learningRate": 3e-4}}, "batchNorm": true}""");
        var args = ArgumentParser.Parse("compare", CompareOptions.Specs, ["--epochs", "2", "--set", "adam.beta1=0.8"]);
        ConfigFile.Apply(path, args, CompareOptions.Specs);
        var o = CompareOptions.From(args);
        Assert.Equal(2, o.Epochs);
        Assert.Equal(16, o.BatchSize);
        Assert.Equal(["sgd", "adam"], o.Optimizers);
        Assert.Equal(3e-4, o.Settings["adam"]["learningRate"]);
        Assert.Equal(0.8, o.Settings["adam"]["beta1"]);
        Assert.True(o.Model.BatchNormalization);
    }

    [Theory]
    [InlineData("""{"epoch": 3}""", "unknown key 'epoch'")]
    [InlineData("""{"epochs": [1, 2}""", "is not valid JSON")]
    [InlineData("""[1, 2]""", "must hold a JSON object")]
    [InlineData("""{"quiet": "yes"}""", "'quiet' must be true or false")]
    public void A_bad_config_file_is_one_line(string json, string message)
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.json");
        File.WriteAllText(path, json);
        var r = CliRunner.Run("compare", "--config", path);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(message, r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    public void Root_help_lists_commands_and_examples(string arg)
    {
        var r = CliRunner.Run(arg);
        Assert.Equal(0, r.ExitCode);
        foreach (string text in new[] { "compare", "train", "evaluate", "Examples:", "Exit codes" })
            Assert.Contains(text, r.Out);
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("train")]
    [InlineData("evaluate")]
    public void Command_help_documents_every_option_with_examples(string command)
    {
        var r = CliRunner.Run(command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Out);
        var specs = command switch { "compare" => CompareOptions.Specs, "train" => TrainOptions.Specs, _ => EvaluateOptions.Specs };
        foreach (var spec in specs)
            Assert.Contains("--" + spec.Name, r.Out);
    }

    [Fact]
    public void Train_accepts_settings_with_or_without_the_optimizer_prefix()
    {
        var o = TrainOptions.From(ArgumentParser.Parse("train", TrainOptions.Specs, ["--optimizer", "sgd", "--set", "learningRate=0.05", "--set", "sgd.momentum=0.9"]));
        Assert.Equal(0.05, o.Settings["learningRate"]);
        Assert.Equal(0.9, o.Settings["momentum"]);
        var e = Assert.Throws<UsageException>(() => TrainOptions.From(ArgumentParser.Parse("train", TrainOptions.Specs, ["--optimizer", "sgd", "--set", "adam.beta1=0.8"])));
        Assert.Contains("names 'adam' but the optimizer is 'sgd'", e.Message);
    }
}
