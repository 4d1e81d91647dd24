namespace Inertia.Cli.Options;

/// <summary>Everything <c>inertia export</c> was asked to do, validated.</summary>
internal sealed record ExportOptions(string ModelFile, string OnnxFile)
{
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        new("model", "FILE", $"the model file written by inertia train (default {TrainOptions.DefaultOutput})"),
        new("onnx", "FILE", "the ONNX file to write (default: the model's name with .onnx)"),
        new("help", null, "show this help"),
    ];

    public static ExportOptions From(ParsedArguments args)
    {
        string model = args.Get("model") ?? TrainOptions.DefaultOutput;
        if (!File.Exists(model))
            throw new UsageException($"model file '{model}' does not exist (train one with: inertia train --output {model})", ExitCodes.Data);
        string onnx = args.Get("onnx") ?? Path.ChangeExtension(model, ".onnx");
        if (string.IsNullOrWhiteSpace(onnx))
            throw new UsageException("--onnx needs a file name");
        if (Path.GetFullPath(onnx) == Path.GetFullPath(model))
            throw new UsageException($"--onnx '{onnx}' is the model file itself; give another name");
        return new ExportOptions(model, onnx);
    }
}
