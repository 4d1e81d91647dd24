using System.Globalization;
using Inertia.Benchmarks.Gpu;
using Inertia.Gpu;

// Two modes on one device (the first CUDA GPU, or ILGPU's CPU accelerator with --cpu-accelerator):
//   Inertia.Benchmarks.Gpu [--quick] [--repeats N] [--cpu-accelerator]
//       timings as `name<TAB>milliseconds` lines on stdout, which bench_torch.py joins with PyTorch's;
//   Inertia.Benchmarks.Gpu check [--quick] [--cpu-accelerator]
//       correctness on the device (golden optimizer trajectories, an MLP beside the CPU engine);
//       exit 1 when anything failed, after printing everything.
// --quick shrinks every size so the CPU accelerator finishes in minutes (a smoke test, not a measurement).
const string Usage = "usage: Inertia.Benchmarks.Gpu [check] [--quick] [--cpu-accelerator] [--repeats N]";
bool check = false, quick = false, cpuAccelerator = false;
int? repeats = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "check" when i == 0: check = true; break;
        case "--quick": quick = true; break;
        case "--cpu-accelerator": cpuAccelerator = true; break;
        case "--repeats" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0:
            repeats = n;
            i++;
            break;
        default:
            Console.Error.WriteLine($"Inertia.Benchmarks.Gpu: unexpected argument '{args[i]}' at position {i}; {Usage}");
            return 2;
    }
}
if (check && repeats is not null)
{
    Console.Error.WriteLine($"Inertia.Benchmarks.Gpu: --repeats applies to the benchmark, not to check; {Usage}");
    return 2;
}

GpuContext context;
try
{
    context = cpuAccelerator ? GpuContext.CreateCpuAccelerator() : GpuContext.Open(Inertia.Gpu.Device.Cuda)!;
}
catch (CudaUnavailableException e)
{
    // Without its GPU there is nothing to measure or check: one line, not a stack trace.
    Console.Error.WriteLine($"Inertia.Benchmarks.Gpu: no CUDA device is usable: {e.Reason} (--cpu-accelerator runs a smoke test without one)");
    return 1;
}
using (context)
{
    if (check) return DeviceCheck.Run(context, quick);
    Console.Error.WriteLine($"device: {context}");  // stdout carries only the timings
    return GpuBenchmark.Run(context, quick, repeats ?? (quick ? 3 : 20));
}
