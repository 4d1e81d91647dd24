using Inertia.Gpu;

namespace Inertia.Cli.Options;

/// <summary>The <c>--device</c> option shared by <c>compare</c> and <c>train</c>.</summary>
internal static class DeviceOption
{
    public static readonly OptionSpec Spec =
        new("device", "cpu|cuda|auto", "where to train: cpu (default), cuda (an NVIDIA GPU through Inertia.Gpu; fails if none is usable) or auto (cuda when usable, else cpu)");

    public static Device From(ParsedArguments args) => args.Get("device") switch
    {
        null or "cpu" => Device.Cpu,
        "cuda" => Device.Cuda,
        "auto" => Device.Auto,
        var other => throw new UsageException($"option '--device' must be cpu, cuda or auto, not '{other}'{DidYouMean.Hint(other, ["cpu", "cuda", "auto"])}"),
    };
}
