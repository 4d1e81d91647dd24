using Inertia.Cli.Options;
using Inertia.Onnx;
using Spectre.Console;

namespace Inertia.Cli.Commands;

/// <summary><c>inertia export</c>: writes a saved model as ONNX for ONNX Runtime, ML.NET or any ONNX consumer.</summary>
internal static class ExportCommand
{
    public static int Run(ParsedArguments args, IAnsiConsole console, CancellationToken cancellation)
    {
        var options = ExportOptions.From(args);
        var model = SavedModel.Load(options.ModelFile, cancellation);
        try
        {
            model.SaveOnnx(options.OnnxFile);
        }
        catch (NotSupportedException e)
        {
            throw new UsageException($"cannot export '{options.ModelFile}': {e.Message}", ExitCodes.Data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The path the user named is unusable (a directory, a device, no permission): a command-line problem.
            throw new UsageException($"cannot write '{options.OnnxFile}': {e.Message.ReplaceLineEndings(" ")}");
        }
        console.MarkupLineInterpolated($"Wrote [bold]{options.OnnxFile}[/] (ONNX opset {OnnxExport.Opset}): input 'input' of shape (batch, {string.Join(", ", model.InputShape!.Dimensions.ToArray())}), output 'output' of shape (batch, {string.Join(", ", model.OutputShape.Dimensions.ToArray())}), {model.Layers.Count} layers.");
        return ExitCodes.Success;
    }
}
