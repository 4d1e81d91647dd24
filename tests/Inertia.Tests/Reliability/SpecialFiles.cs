using System.Diagnostics;

namespace Inertia.Tests.Reliability;

/// <summary>Makes the hostile paths the edge tests need: FIFOs and symbolic links in a fresh folder.</summary>
internal sealed class SpecialFiles : IDisposable
{
    public SpecialFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "inertia-edge-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string File(string name) => Path.Combine(Folder, name);

    /// <summary>A FIFO: opening it for reading blocks until a writer comes, so a reader that opens it hangs.</summary>
    public string Fifo(string name)
    {
        string path = File(name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("mkfifo did not start (install coreutils: apt-get install coreutils)");
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    public string Link(string name, string target)
    {
        string path = File(name);
        System.IO.File.CreateSymbolicLink(path, target);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
