using Inertia.Cli.Ratings;
using Inertia.Cli.Report;
using Inertia.Optimizers;

namespace Inertia.Cli.Tests;

/// <summary>The race's catalog is the one place an optimizer's name, colour, chapter settings and book rating live, and it covers the library.</summary>
public class CatalogTests
{
    [Fact]
    public void Every_optimizer_the_factory_creates_has_a_catalog_entry()
    {
        Assert.Equal(OptimizerFactory.Names.Order(), OptimizerCatalog.AllNames.Order());
    }

    [Fact]
    public void Every_entry_has_its_own_colour_and_display_name()
    {
        Assert.Equal(OptimizerCatalog.Entries.Count, OptimizerCatalog.Entries.Select(e => e.Colour).Distinct().Count());
        Assert.Equal(OptimizerCatalog.Entries.Count, OptimizerCatalog.Entries.Select(e => e.DisplayName).Distinct().Count());
        Assert.All(OptimizerCatalog.Entries, e => Assert.Equal(e.Colour, Palette.Hex(e.Name)));
    }

    [Fact]
    public void The_readme_tables_name_catalog_optimizers_with_the_catalog_book_ratings()
    {
        var rows = ReadmeRows().ToList();

        Assert.NotEmpty(rows);
        foreach (var cells in rows)
        {
            var entry = Assert.Single(OptimizerCatalog.Entries, e => e.DisplayName == cells[0]);
            string book = entry.Book is null ? "—" : $"{entry.Book.SpeedText} / {entry.Book.QualityText}" + (entry.Book.Note is null ? "" : $" ({entry.Book.Note})");
            Assert.Equal(book, cells[^2]);
        }
    }

    // The data rows of every results table (header "| Optimizer | ..."), split into trimmed cells.
    private static IEnumerable<string[]> ReadmeRows()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Inertia.slnx"))) directory = directory.Parent;
        var lines = File.ReadAllLines(Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("Inertia.slnx not found above the test binaries."), "README.md"));
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("| Optimizer |", StringComparison.Ordinal)) continue;
            for (int j = i + 2; j < lines.Length && lines[j].StartsWith('|'); j++)
                yield return lines[j].Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        }
    }
}
