using System.Diagnostics;
using System.Globalization;
using Inertia.Gpu;

namespace Inertia.Benchmarks.Gpu;

/// <summary>
/// The `check` mode: the golden optimizer trajectories and the MLP comparison on one device, each
/// part reported in full even when the other throws. Exit code 0 only when both pass.
/// </summary>
internal static class DeviceCheck
{
    public static int Run(GpuContext context, bool quick)
    {
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"device: {context}{(context.CublasUnavailableReason is { } reason ? $" (cuBLAS not used: {reason})" : "")}");
        bool conformance = Part("conformance", () => ConformanceCheck.Run(context, quick));
        bool mlp = Part("mlp", () => TrainingCheck.Run(context, quick));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"check: {(conformance && mlp ? "pass" : "FAIL")} (conformance {(conformance ? "pass" : "FAIL")}, mlp {(mlp ? "pass" : "FAIL")}) in {watch.Elapsed.TotalSeconds:F1} s on {context.DeviceName}"));
        return conformance && mlp ? 0 : 1;
    }

    private static bool Part(string name, Func<bool> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.WriteLine($"{name}: FAIL {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            Console.WriteLine(e.StackTrace);
            return false;
        }
    }
}
