using Inertia.IO;

namespace Inertia.Onnx;

/// <summary>
/// Refuses to write over anything but a regular file: the atomic rename would otherwise replace a
/// device, a pipe or a symbolic link with a plain file. The file kind comes from the library's
/// <see cref="FileKinds"/>, which every other writer uses too; only the messages are the exporter's.
/// </summary>
internal static class OutputFile
{
    public static void EnsureReplaceable(string path)
    {
        switch (FileKinds.Of(Path.GetFullPath(path), followLinks: false))
        {
            case FileKind.Missing or FileKind.Regular:
                return;
            case FileKind.Directory:
                throw new IOException($"'{path}' is a directory; give a file name for the ONNX model.");
            default:
                throw new IOException($"'{path}' exists and is not a regular file (a device, pipe, socket or link); it is left as it is.");
        }
    }
}
