using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Spectre.Console;

namespace Inertia.Cli.Terminal;

/// <summary>The results table and the disagreement notes, on the console.</summary>
internal static class ResultsTable
{
    public static void Write(IAnsiConsole console, RaceResult race)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Optimizer race[/]");
        var headers = ResultColumns.Headers(race.Options.TargetAccuracy);
        foreach (string h in headers)
            table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        table.Columns[0].LeftAligned();
        foreach (var row in race.Summaries)
        {
            var cells = ResultColumns.Cells(row).Select(c => Markup.Escape(c)).ToArray();
            cells[7] = $"[yellow]{cells[7]}[/]";
            cells[8] = $"[yellow]{cells[8]}[/]";
            if (row.Disagrees) cells[^1] = $"[red bold]{cells[^1]}[/]";
            table.AddRow(cells);
        }
        console.Write(table);
        console.MarkupLine($"[grey]{Markup.Escape(RatingRule.Description)} Book: Géron, Hands-On ML, table 11-2 (speed / quality); {ResultColumns.DisagreeMark} marks a disagreement.[/]");
        foreach (var row in race.Summaries.Where(r => r.Explanation is not null))
            console.MarkupLine(row.Diverged ? $"[yellow]{Markup.Escape(row.Explanation!)}[/]" : $"[red]{ResultColumns.DisagreeMark}[/] {Markup.Escape(row.Explanation!)}");
    }
}
