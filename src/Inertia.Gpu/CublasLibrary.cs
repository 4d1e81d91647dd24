using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Inertia.Gpu;

/// <summary>
/// Lets ILGPU.Algorithms' cuBLAS binding, which asks for <c>libcublas.so.12/11/10</c>, load
/// <c>libcublas.so.13</c> (CUDA 13 ships only that soname; the v2 entry points it uses are unchanged).
/// The resolver runs only after the loader failed to find the requested name, so an installed
/// .so.12 still wins.
/// </summary>
internal static class CublasLibrary
{
    private static readonly string[] Requested = ["libcublas.so.12", "libcublas.so.11", "libcublas.so.10", "cublas64_12.dll", "cublas64_11.dll", "cublas64_10.dll"];
    private static readonly string[] Candidates = ["libcublas.so.13", "libcublas.so", "cublas64_13.dll"];
    private static int _installed;

    public static void InstallResolver()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
    }

    private static IntPtr Resolve(Assembly assembly, string name)
    {
        if (Array.IndexOf(Requested, name) < 0) return IntPtr.Zero;
        foreach (var candidate in Candidates)
            if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        return IntPtr.Zero;
    }
}
