using System.Reflection;
using System.Runtime.InteropServices;

namespace Inertia.Distributed;

/// <summary>
/// Points MPI.NET at MPICH. MPI.NET 1.4.0 is built against MS-MPI (<c>msmpi.dll</c>); MS-MPI
/// derives from MPICH and keeps its ABI (integer handles, the same constants and status layout),
/// so the same binding runs on <c>libmpich.so.12</c> — the ABI of MPICH, Intel MPI, MVAPICH and
/// Cray MPICH. Open MPI has pointer handles and cannot work under this binding.
/// </summary>
internal static class MpiLibrary
{
    /// <summary>The shared library loaded in place of MS-MPI on Linux.</summary>
    public const string LinuxName = "libmpich.so.12";

    /// <summary>What to run when the library is missing.</summary>
    public const string InstallHint = "apt-get install -y mpich libmpich-dev";

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>
    /// Registers the resolver and loads the library once.
    /// </summary>
    /// <exception cref="DllNotFoundException">MPICH is not installed; the message names the package.</exception>
    public static void Load()
    {
        lock (Gate)
        {
            if (_registered) return;
            if (!OperatingSystem.IsWindows())
            {
                if (!NativeLibrary.TryLoad(LinuxName, out _))
                    throw new DllNotFoundException(
                        $"This process was started by an MPI launcher but the MPI library {LinuxName} cannot be loaded: install MPICH ({InstallHint}).");
                NativeLibrary.SetDllImportResolver(typeof(MPI.Unsafe).Assembly, Resolve);
            }
            _registered = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name.StartsWith("msmpi", StringComparison.OrdinalIgnoreCase) ? NativeLibrary.Load(LinuxName) : IntPtr.Zero;
}
