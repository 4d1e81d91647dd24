using Inertia.Cli.Options;
using Inertia.Optimizers;

namespace Inertia.Cli.Tests;

public class HelpfulCommandLineTests
{
    private static CompareOptions Compare(params string[] args) => CompareOptions.From(ArgumentParser.Parse("compare", CompareOptions.Specs, args));

    [Theory]
    [InlineData("did you mean '--epochs'?", "compare", "--epoch", "2")]
    [InlineData("did you mean 'adam'?", "compare", "--optimizers", "sgd,adamm")]
    [InlineData("did you mean 'compare'?", "comprae")]
    [InlineData("did you mean 'train'?", "help", "trian")]
    [InlineData("did you mean 'nadam'?", "compare", "--set", "nadm.learningRate=0.1")]
    [InlineData("did you mean 'beta1'?", "compare", "--set", "adam.betta1=0.8")]
    [InlineData("did you mean 'learningRate'?", "compare", "--set", "adam.learning_rat=0.1")]
    [InlineData("did you mean 'cuda'?", "compare", "--device", "cdua")]
    [InlineData("did you mean 'rmsprop'?", "train", "--optimizer", "rmsprob")]
    public void A_near_miss_gets_a_did_you_mean_on_one_line(string hint, params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains(hint, r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_config_key_near_an_option_gets_a_did_you_mean_in_camel_case()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("race.json"), """{"batchSise": 8}""");
        var r = CliRunner.Run("compare", "--config", dir.File("race.json"));
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("unknown key 'batchSise'", r.Error);
        Assert.Contains("did you mean 'batchSize'?", r.Error);
    }

    [Theory]
    [InlineData("adam", "learning_rate", "learningRate")]
    [InlineData("adam", "beta_1", "beta1")]
    [InlineData("adam", "beta_2", "beta2")]
    [InlineData("adam", "epsilon", "epsilon")]
    [InlineData("adam", "lr", "learningRate")]
    [InlineData("rmsprop", "rho", "rho")]
    [InlineData("momentum", "momentum", "momentum")]
    [InlineData("adamw", "weight_decay", "weightDecay")]
    [InlineData("sgd", "clipnorm", "clipnorm")]
    [InlineData("sgd", "global_clipnorm", "globalClipnorm")]
    [InlineData("nadam", "use_ema", "useEma")]
    [InlineData("nadam", "ema_momentum", "emaMomentum")]
    [InlineData("adagrad", "initial_accumulator_value", "initialAccumulatorValue")]
    [InlineData("adam", "learningRate", "learningRate")]
    public void Keras_spellings_name_the_same_setting_as_camel_case(string optimizer, string typed, string canonical)
    {
        var o = Compare("--optimizers", optimizer, "--set", $"{optimizer}.{typed}=0.5");
        Assert.Equal(0.5, o.Settings[optimizer][canonical]);
        Assert.DoesNotContain(typed == canonical ? "" : typed, o.Settings[optimizer].Keys.Where(_ => typed != canonical));
    }

    [Fact]
    public void Keras_spellings_work_in_a_config_file_and_with_train()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("race.json"), """{"optimizers": ["adam"], "set": {"adam": {"learning_rate": 3e-4, "beta_1": 0.8}}}""");
        var args = ArgumentParser.Parse("compare", CompareOptions.Specs, ["--config", dir.File("race.json")]);
        ConfigFile.Apply(dir.File("race.json"), args, CompareOptions.Specs);
        var o = CompareOptions.From(args);
        Assert.Equal(3e-4, o.Settings["adam"]["learningRate"]);
        Assert.Equal(0.8, o.Settings["adam"]["beta1"]);

        var t = TrainOptions.From(ArgumentParser.Parse("train", TrainOptions.Specs, ["--optimizer", "adamw", "--set", "weight_decay=0.01", "--set", "adamw.beta_2=0.99"]));
        Assert.Equal(0.01, t.Settings["weightDecay"]);
        Assert.Equal(0.99, t.Settings["beta2"]);
    }

    [Fact]
    public void An_unknown_setting_lists_the_valid_ones()
    {
        var r = CliRunner.Run("compare", "--optimizers", "rmsprop", "--set", "rmsprop.foo=1");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("optimizer 'rmsprop' has no setting 'foo'", r.Error);
        foreach (string key in new[] { "rho", "momentum", "epsilon", "centered", "learningRate", "clipnorm", "useEma" })
            Assert.Contains(key, r.Error);
    }

    [Theory]
    [InlineData("adam.beta1=2", "beta1 must be in [0, 1), got 2.")]
    [InlineData("adam.beta_1=-1", "beta1 must be in [0, 1), got -1.")]
    [InlineData("adam.epsilon=-1", "epsilon")]
    [InlineData("adam.learning_rate=abc", "must be a number")]
    public void Bad_setting_values_are_plain_sentences_without_dotnet_exception_text(string set, string message)
    {
        var r = CliRunner.Run("compare", "--samples", "100", "--optimizers", "adam", "--set", set, "--quiet", "--out", Path.Combine(Path.GetTempPath(), "never-written"));
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains(message, r.Error);
        Assert.DoesNotContain("(Parameter '", r.Error);
        Assert.DoesNotContain("Actual value was", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_valid_setting_list_is_exactly_what_the_factory_accepts()
    {
        // Probe the factory with every key any optimizer knows: "0" parses as a number, an integer and
        // a boolean, so only an unknown key fails with "Unknown setting".
        var candidates = OptimizerFactory.Names.SelectMany(SettingKeys.Valid).Distinct().Append("dampening").Append("nesterov").Append("lrDecay").Append("momentumDecay").Distinct().ToList();
        var disagreements = new List<string>();
        foreach (string optimizer in OptimizerFactory.Names)
        {
            var valid = SettingKeys.Valid(optimizer);
            foreach (string key in candidates)
            {
                bool accepted;
                try
                {
                    OptimizerFactory.Create(optimizer, new Dictionary<string, string> { [key] = "0" });
                    accepted = true;
                }
                catch (ArgumentException e)
                {
                    accepted = !e.Message.Contains("Unknown setting", StringComparison.Ordinal);
                }
                if (accepted != valid.Contains(key))
                    disagreements.Add($"{optimizer}.{key}: the factory {(accepted ? "accepts" : "rejects")} it, the CLI's list {(valid.Contains(key) ? "has" : "lacks")} it");
            }
        }
        Assert.Empty(disagreements);
    }
}
