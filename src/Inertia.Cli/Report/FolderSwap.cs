using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Inertia.Cli.Report;

/// <summary>
/// Replaces a folder as a whole: the caller writes the new content into a fresh folder beside
/// the target, which is then swapped in with one rename (Linux <c>renameat2(RENAME_EXCHANGE)</c>,
/// or two renames where that is missing). A reader sees the old folder or the new one, never a
/// mix of two runs; a failed write (a full disk, an interruption) leaves the old folder as it was.
/// </summary>
internal static partial class FolderSwap
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;
    private const int Attempts = 100;

    /// <summary>Calls <paramref name="write"/> with an empty staging folder, then puts that folder in <paramref name="target"/>'s place.</summary>
    public static void Replace(string target, Action<string> write)
    {
        string full = Path.GetFullPath(Path.TrimEndingDirectorySeparator(target));
        string parent = Path.GetDirectoryName(full)!;
        string prefix = $".{Path.GetFileName(full)}.";
        Directory.CreateDirectory(parent);
        RemoveOrphans(parent, prefix);
        string staging = Path.Combine(parent, $"{prefix}{Environment.ProcessId}.{Guid.NewGuid():N}.new");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            Install(staging, full, Path.Combine(parent, $"{prefix}{Environment.ProcessId}.{Guid.NewGuid():N}.old"));
        }
        finally
        {
            // After an exchange the staging path holds the previous report.
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static void Install(string staging, string target, string old)
    {
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            if (!Directory.Exists(target))
            {
                try
                {
                    Directory.Move(staging, target);
                    return;
                }
                catch (IOException) when (Directory.Exists(target))
                {
                    continue; // another run installed its report first: swap with it
                }
            }
            if (OperatingSystem.IsLinux() && TryExchange(staging, target)) return;
            try
            {
                Directory.Move(target, old);
            }
            catch (DirectoryNotFoundException)
            {
                continue;
            }
            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                Directory.Delete(old, recursive: true);
                continue;
            }
            Directory.Delete(old, recursive: true);
            return;
        }
        throw new IOException($"could not put the report in place of '{target}': other runs kept replacing it.");
    }

    private static bool TryExchange(string a, string b)
    {
        try
        {
            return RenameAt2(AtCurrentDirectory, a, AtCurrentDirectory, b, RenameExchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    // Staging names are ".{target}.{pid}.{guid}.new|old"; one whose writer is gone was left by a killed run.
    private static void RemoveOrphans(string parent, string prefix)
    {
        foreach (string dir in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            string[] parts = Path.GetFileName(dir)[prefix.Length..].Split('.');
            if (parts.Length != 3 || parts[2] is not ("new" or "old") || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run removed it first.
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
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
