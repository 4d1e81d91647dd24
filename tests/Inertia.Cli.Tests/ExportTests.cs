using Inertia.Onnx;
using Inertia.Training;

namespace Inertia.Cli.Tests;

public class ExportTests
{
    private static string Trained(TempDirectory dir)
    {
        string file = dir.File("m.inertia");
        var t = CliRunner.Run("train", "--samples", "300", "--epochs", "1", "--optimizer", "sgd", "--model", "784-16-10", "--batch-norm", "--output", file, "--quiet");
        Assert.True(t.ExitCode == 0, t.Error);
        return file;
    }

    [Fact]
    public void Export_writes_what_SaveOnnx_writes_for_the_saved_model()
    {
        using var dir = new TempDirectory();
        string model = Trained(dir), onnx = dir.File("m.onnx");
        var r = CliRunner.Run("export", "--model", model, "--onnx", onnx);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains($"Wrote {onnx} (ONNX opset {OnnxExport.Opset}): input 'input' of shape (batch, 28, 28), output 'output' of shape (batch, 10)", r.Out.ReplaceLineEndings(""));
        using var expected = new MemoryStream();
        Sequential.Load(model).SaveOnnx(expected);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(onnx));
    }

    [Fact]
    public void Without_onnx_the_file_is_named_after_the_model()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("export", "--model", Trained(dir));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(File.Exists(dir.File("m.onnx")));
    }

    [Fact]
    public void A_missing_model_is_a_one_line_data_error()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("export", "--model", dir.File("none.inertia"), "--onnx", dir.File("x.onnx"));
        Assert.Equal(3, r.ExitCode);
        Assert.Equal($"inertia: error: model file '{dir.File("none.inertia")}' does not exist (train one with: inertia train --output {dir.File("none.inertia")})", r.Error.TrimEnd());
        Assert.False(File.Exists(dir.File("x.onnx")));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_a_one_line_data_error()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.inertia"), "not a model");
        var r = CliRunner.Run("export", "--model", dir.File("bad.inertia"), "--onnx", dir.File("x.onnx"));
        Assert.Equal(3, r.ExitCode);
        Assert.StartsWith($"inertia: error: cannot load model '{dir.File("bad.inertia")}'", r.Error);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(dir.File("x.onnx")));
    }

    [Fact]
    public void A_device_as_output_is_refused_and_left_alone()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("export", "--model", Trained(dir), "--onnx", "/dev/null");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("inertia: error: cannot write '/dev/null': '/dev/null' exists and is not a regular file (a device, pipe, socket or link); it is left as it is.", r.Error.TrimEnd());
    }

    [Fact]
    public void The_model_file_itself_is_refused_as_output()
    {
        using var dir = new TempDirectory();
        string model = Trained(dir);
        var r = CliRunner.Run("export", "--model", model, "--onnx", model);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is the model file itself", r.Error);
    }
}
