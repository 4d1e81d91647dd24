using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Inertia.Tensors;

namespace Inertia.Benchmarks.Peer;

/// <summary>The facts a peer table needs to be read: CPU, cores, SIMD, threads, date.</summary>
internal static class PeerMachine
{
    public static IEnumerable<string> Describe(int torchThreads)
    {
        yield return $"date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}";
        yield return $"cpu: {CpuModel()}, {Environment.ProcessorCount} logical cores";
        yield return $"simd: Vector256 {(Vector256.IsHardwareAccelerated ? "yes" : "no")}, FMA {(Fma.IsSupported ? "yes" : "no")}, " +
                     $"AVX-512F {(Avx512F.IsSupported ? "yes" : "no")} (JIT Vector512 accelerated: {(Vector512.IsHardwareAccelerated ? "yes" : "no")}); " +
                     $"Inertia GEMM kernel {GemmKernels.Best} ({GemmKernels.TileRows(GemmKernels.Best)}×{GemmKernels.TileColumns(GemmKernels.Best)})";
        yield return $"threads: Inertia {Parallelism.MaxThreads}, TorchSharp {torchThreads}; {Environment.Version} runtime, {Environment.OSVersion}";
    }

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return "unknown";
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
