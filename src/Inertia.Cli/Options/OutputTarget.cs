using Inertia.IO;

namespace Inertia.Cli.Options;

/// <summary>
/// Checks where a command will write before it does any work: an existing target must be a
/// regular file (a directory for a report folder), never a device, a FIFO or a symbolic link,
/// and a report folder must be empty or hold an earlier report (the whole folder is replaced).
/// </summary>
internal static class OutputTarget
{
    /// <summary>Returns <paramref name="path"/> if a file may be written there; otherwise a usage error naming <c>--<paramref name="option"/></c>.</summary>
    public static string File(string option, string path)
    {
        Refuse(option, () => OutputFile.Check(path, "output file"));
        string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is not null && FileKinds.Of(parent) is not (FileKind.Directory or FileKind.Missing))
            throw new UsageException($"option '--{option}': '{parent}' is {FileKinds.Describe(FileKinds.Of(parent))}, not a folder to write '{Path.GetFileName(path)}' in");
        return path;
    }

    /// <summary>Returns <paramref name="path"/> if a report folder may be written there.</summary>
    public static string Folder(string option, string path)
    {
        Refuse(option, () => OutputFile.CheckDirectory(path, "report folder"));
        if (FileKinds.Of(path, followLinks: false) != FileKind.Directory) return path;
        var foreign = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).Where(n => !Report.ReportWriter.IsReportEntry(n!)).Take(3).ToList();
        if (foreign.Count > 0)
            throw new UsageException($"option '--{option}': folder '{path}' holds {string.Join(", ", foreign.Select(n => $"'{n}'"))}, which an Inertia report does not; the whole folder is replaced, so give an empty or new folder");
        return path;
    }

    private static void Refuse(string option, Action check)
    {
        try
        {
            check();
        }
        catch (IOException e)
        {
            throw new UsageException($"option '--{option}': {e.Message.TrimEnd('.')}");
        }
    }
}
