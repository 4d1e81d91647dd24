using System.Diagnostics;
using System.Globalization;

namespace Inertia.Training.Serialization;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old or the new content: the
/// bytes go to a temporary file in the same directory (same file system, so the rename is
/// atomic), are flushed to the disk, and the temporary file is renamed over the target.
/// </summary>
/// <remarks>
/// A process killed mid-save cannot delete its temporary file, so every write first removes the
/// temporary files of the same target left by processes that no longer run: however often a
/// training run is killed, at most one stale temporary file per live writer remains.
/// </remarks>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string prefix = $".{Path.GetFileName(full)}.";
        RemoveOrphans(directory, prefix);
        string temp = Path.Combine(directory, $"{prefix}{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, atomically as <see cref="Write"/>.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    // Temporary names are ".{target}.{pid}.{guid}.tmp"; a file whose writer is gone is an orphan.
    private static void RemoveOrphans(string directory, string prefix)
    {
        foreach (string file in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
        {
            string[] parts = Path.GetFileName(file)[prefix.Length..].Split('.');
            if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another writer removed it first, or it is in use; it is not this save's business.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
