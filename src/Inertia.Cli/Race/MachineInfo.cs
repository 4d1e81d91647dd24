using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Inertia.Cli.Race;

/// <summary>The machine and software a race ran on, for the report.</summary>
internal sealed record MachineInfo(string Os, string Runtime, string Cpu, int LogicalCores, int Threads, string Simd, string InertiaVersion, string TrainingDevice)
{
    public static MachineInfo Current(int threads, string trainingDevice) => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        CpuModel(),
        Environment.ProcessorCount,
        threads,
        string.Join(" ", new[] { (Avx2.IsSupported, "AVX2"), (Fma.IsSupported, "FMA"), (Avx512F.IsSupported, "AVX-512F") }.Where(f => f.Item1).Select(f => f.Item2).DefaultIfEmpty("none")),
        typeof(MachineInfo).Assembly.GetName().Version?.ToString(3) ?? "unknown",
        trainingDevice);

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                        return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
