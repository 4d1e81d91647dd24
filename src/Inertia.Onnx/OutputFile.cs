using System.Runtime.InteropServices;

namespace Inertia.Onnx;

/// <summary>
/// Refuses to write over anything but a regular file: the atomic rename would otherwise replace a
/// device, a pipe or a symbolic link with a plain file.
/// </summary>
internal static partial class OutputFile
{
    private const int TypeMask = 0xF000, Regular = 0x8000;

    public static void EnsureReplaceable(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new IOException($"'{path}' is a directory; give a file name for the ONNX model.");
        if (OperatingSystem.IsWindows() || !Exists(full, out int mode)) return;
        if ((mode & TypeMask) != Regular)
            throw new IOException($"'{path}' exists and is not a regular file (a device, pipe, socket or link); it is left as it is.");
    }

    // lstat through the runtime's own native shim, whose FileStatus starts with (int Flags, int Mode):
    // .NET exposes no file type beyond directory and link.
    private static bool Exists(string path, out int mode)
    {
        Span<byte> status = stackalloc byte[256];
        mode = 0;
        if (LStat(path, ref MemoryMarshal.GetReference(status)) != 0) return false;
        mode = BitConverter.ToInt32(status[4..]);
        return true;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, ref byte status);
}
