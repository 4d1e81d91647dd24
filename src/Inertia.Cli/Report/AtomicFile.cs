namespace Inertia.Cli.Report;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one: the bytes
/// go to a temporary file beside it, are flushed to disk, and the temporary file is renamed over
/// the target. A failure deletes the temporary file. A target that is not a regular file is
/// refused before anything is written.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        Inertia.IO.OutputFile.Check(path, "report file");
        string temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static void WriteText(string path, string text) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            w.Write(text);
        });
}
