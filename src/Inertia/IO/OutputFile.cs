namespace Inertia.IO;

/// <summary>
/// Checks a path Inertia is about to write: what is there must be nothing or a regular file.
/// A rename over <c>/dev/null</c>, a FIFO or a symbolic link would replace it, so those are
/// refused rather than followed or replaced.
/// </summary>
internal static class OutputFile
{
    /// <summary>Throws unless <paramref name="path"/> names nothing yet or a regular file; <paramref name="what"/> ("model file") names it in the message.</summary>
    /// <exception cref="IOException">Something other than a regular file is there.</exception>
    public static void Check(string path, string what)
    {
        if (path.Length == 0) throw new IOException($"the {what} path is empty.");
        var kind = FileKinds.Of(path, followLinks: false);
        if (kind is FileKind.Missing or FileKind.Regular) return;
        throw new IOException($"{what} '{path}' is {FileKinds.Describe(kind)}; Inertia writes only regular files and never replaces anything else.");
    }

    /// <summary>Throws unless <paramref name="path"/> names nothing yet or a real directory (not a link to one).</summary>
    /// <exception cref="IOException">Something other than a directory is there.</exception>
    public static void CheckDirectory(string path, string what)
    {
        if (path.Length == 0) throw new IOException($"the {what} path is empty.");
        var kind = FileKinds.Of(path, followLinks: false);
        if (kind is FileKind.Missing or FileKind.Directory) return;
        throw new IOException($"{what} '{path}' is {FileKinds.Describe(kind)}, not a directory; Inertia replaces only a directory it wrote.");
    }
}
