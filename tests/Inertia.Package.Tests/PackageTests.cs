using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Inertia.Package.Tests;

/// <summary>
/// A .NET user's first hour, from packages: packs the library and the tool from a copy of the
/// sources into a temporary feed, installs the tool from it and races, and builds a console app
/// that references the Inertia package and runs the README's quick start as written.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private const long ToolPackageLimit = 25_000_000;
    private readonly string _root = Directory.CreateTempSubdirectory("inertia-package-").FullName;

    [Fact]
    public void Packed_tool_and_library_install_and_run_the_readme_as_a_user_would()
    {
        string repository = RepositoryRoot();
        string version = Regex.Match(File.ReadAllText(Path.Combine(repository, "Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.NotEmpty(version);
        string rid = RuntimeInformation.RuntimeIdentifier;
        string sources = Path.Combine(_root, "repo"), feed = Path.Combine(_root, "feed"), tools = Path.Combine(_root, "tools");
        // A copy: packing for one platform must not rewrite the restore state of the checkout under test.
        CopySources(repository, sources);
        var noEnvironment = new Dictionary<string, string>();

        string pack = DotnetProcess.Run(DotnetProcess.Dotnet, sources, noEnvironment, "pack", "src/Inertia/Inertia.csproj", "-c", "Release", "-o", feed)
            + DotnetProcess.Run(DotnetProcess.Dotnet, sources, noEnvironment, "pack", "src/Inertia.Cli/Inertia.Cli.csproj", "-c", "Release", "-o", feed,
                $"-p:ToolPackageRuntimeIdentifiers={rid}");
        Assert.DoesNotMatch(@"(?i)\bwarning\b", pack);
        foreach (string id in new[] { "Inertia", $"Inertia.Cli.{rid}" })
            Assert.True(File.Exists(Path.Combine(feed, $"{id}.{version}.snupkg")), $"no symbols package for {id}");
        var toolPackage = new FileInfo(Path.Combine(feed, $"Inertia.Cli.{rid}.{version}.nupkg"));
        Assert.True(toolPackage.Length < ToolPackageLimit, $"{toolPackage.Name} is {toolPackage.Length:N0} bytes, over {ToolPackageLimit:N0}");
        AssertMetadata(Path.Combine(feed, $"Inertia.{version}.nupkg"), version);

        // Packages come from the feed and the machine's package cache, into a private cache: no network, and
        // no stale copy of this version from an earlier run.
        var isolated = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };
        File.WriteAllText(Path.Combine(_root, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="feed" value="{feed}" />
                <add key="cache" value="{GlobalPackages()}" />
              </packageSources>
            </configuration>
            """);

        DotnetProcess.Run(DotnetProcess.Dotnet, _root, isolated, "tool", "install", "Inertia.Cli", "--version", version, "--tool-path", tools, "--add-source", feed);
        string inertia = Path.Combine(tools, OperatingSystem.IsWindows() ? "inertia.exe" : "inertia");
        Assert.Equal($"inertia {version}", DotnetProcess.Run(inertia, _root, isolated, "--version").Trim());
        string race = DotnetProcess.Run(inertia, _root, isolated, "compare", "--optimizers", "sgd,adam", "--samples", "300", "--epochs", "1", "--out", "report", "--quiet");
        Assert.Contains("Adam", race);
        Assert.True(File.Exists(Path.Combine(_root, "report", "index.html")), race);

        string app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Inertia" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), ReadmeQuickStart(repository));
        string run = DotnetProcess.Run(DotnetProcess.Dotnet, app, isolated, "run", "-c", "Release");
        Assert.Matches(@"validation accuracy \d+\.\d\d ?%, loss \d+\.\d{4}", run);
        Assert.True(File.Exists(Path.Combine(app, "shapes.inertia")));
    }

    private static void AssertMetadata(string package, string version)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspec.Open());
        string text = reader.ReadToEnd();
        Assert.Contains($"<version>{version}</version>", text);
        Assert.Contains("<license type=\"expression\">MIT</license>", text);
        Assert.Contains("<readme>README.md</readme>", text);
        Assert.Matches("<repository type=\"git\" url=\"https://github.com/[^\"]+\"", text);
        Assert.Matches("<tags>[^<]+</tags>", text);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/Inertia.xml");
    }

    // The README's first C# block, verbatim.
    private static string ReadmeQuickStart(string repository)
    {
        string readme = File.ReadAllText(Path.Combine(repository, "README.md"));
        int start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static void CopySources(string repository, string target)
    {
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md", "LICENSE" })
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(repository, file), Path.Combine(target, file));
        }
        CopyTree(Path.Combine(repository, "src"), Path.Combine(target, "src"));
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string dir in Directory.EnumerateDirectories(from))
            if (Path.GetFileName(dir) is not ("bin" or "obj"))
                CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static string GlobalPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Inertia.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No Inertia.slnx above {AppContext.BaseDirectory}.");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }
}
