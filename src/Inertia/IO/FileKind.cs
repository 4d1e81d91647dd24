using System.Runtime.InteropServices;

namespace Inertia.IO;

/// <summary>What a path names, told apart the way the operating system does (a FIFO or a device is not a file to read or replace).</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
}

/// <summary>Finds a path's <see cref="FileKind"/> without opening it: opening a FIFO blocks until a writer comes.</summary>
internal static partial class FileKinds
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 1;
    private const int StatxBufferSize = 256;
    private const int StatxModeOffset = 28;

    /// <summary>The kind of <paramref name="path"/>; a symbolic link is followed unless <paramref name="followLinks"/> is false.</summary>
    public static FileKind Of(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsLinux() && TryStatx(path, followLinks, out FileKind kind)) return kind;
        return Portable(path, followLinks);
    }

    /// <summary>"a FIFO", "a character device", … for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        _ => "a socket",
    };

    // statx's layout is the same on every Linux architecture, unlike stat's.
    private static unsafe bool TryStatx(string path, bool followLinks, out FileKind kind)
    {
        kind = FileKind.Missing;
        byte* buffer = stackalloc byte[StatxBufferSize];
        int result;
        try
        {
            result = Statx(AtCurrentDirectory, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            // ENOENT, ENOTDIR, ENAMETOOLONG, ELOOP: nothing reachable there.
            if (errno is 2 or 20 or 36 or 40) return true;
            return false;
        }
        ushort mode = *(ushort*)(buffer + StatxModeOffset);
        kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            _ => FileKind.Socket,
        };
        return true;
    }

    private static FileKind Portable(string path, bool followLinks)
    {
        if (!followLinks && new FileInfo(path).LinkTarget is not null) return FileKind.SymbolicLink;
        if (Directory.Exists(path)) return FileKind.Directory;
        return File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
