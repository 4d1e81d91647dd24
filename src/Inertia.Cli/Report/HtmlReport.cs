using System.Globalization;
using System.Net;
using System.Text;
using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Inertia.Cli.Trajectories;

namespace Inertia.Cli.Report;

/// <summary>
/// index.html: one self-contained page (inline CSS, plots as inline SVG data, sample images as
/// inline PNG data, no script, nothing fetched from the network).
/// </summary>
internal static class HtmlReport
{
    public static string Render(RaceResult race)
    {
        var h = new StringBuilder();
        var rows = race.Summaries;
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<title>Inertia optimizer race</title><style>").Append(Css).Append("</style></head><body>\n");
        h.Append("<h1>Inertia optimizer race</h1>\n<p class=\"lede\">")
         .Append(E($"{race.Data.Description}: {race.Data.TrainCount:N0} training and {race.Data.ValidationCount:N0} validation samples; model {race.Model}; "))
         .Append(E($"{race.Options.Epochs} epochs, batch {race.Options.BatchSize}, {race.Options.Seeds} seed{(race.Options.Seeds > 1 ? "s" : "")}; "))
         .Append(E($"every optimizer starts from the same weights and sees the same batches in the same order. Ran {race.Started:yyyy-MM-dd HH:mm} UTC, {race.Seconds:0} s."))
         .Append("</p>\n");
        if (race.Cancelled)
            h.Append("<p class=\"warn\">").Append(E(PartialNotice(race))).Append("</p>\n");
        if (race.Data.SplitWarning is { } split)
            h.Append("<p class=\"warn\">Warning: ").Append(E(split)).Append("</p>\n");

        Table(h, race);
        Explanations(h, rows);

        h.Append("<div class=\"plots\">");
        PageLegend.Write(h, rows.Select(r => r.Optimizer), race.Trajectories.Count > 0);
        h.Append("<h2>Learning curves</h2>\n<p>Mean over seeds. Epoch 0 is the common starting point; training loss and accuracy are the running means over each epoch's batches, as Keras reports them. Each optimizer's points are drawn a little beside the next (").Append(E(Charts.Dodge.ToString(CultureInfo.InvariantCulture))).Append(" epoch apart, in table order) so that curves that coincide stay visible; curves.csv has the exact numbers.</p>\n<div class=\"grid\">");
        if (rows.Count > 0)
        {
            Image(h, Charts.Curves("Validation loss", "loss", rows, e => e.ValidationLoss, true), "Validation loss per epoch");
            Image(h, Charts.Curves("Validation accuracy", "accuracy", rows, e => e.ValidationAccuracy, true), "Validation accuracy per epoch");
            Image(h, Charts.Curves("Training loss", "loss", rows, e => e.TrainLoss, false), "Training loss per epoch");
            Image(h, Charts.Curves("Training accuracy", "accuracy", rows, e => e.TrainAccuracy, false), "Training accuracy per epoch");
        }
        h.Append("</div>\n");

        if (race.Trajectories.Count > 0)
        {
            h.Append("<h2>Trajectories on 2-D functions</h2>\n<p>The same optimizer objects, with the race's settings except the learning rate (one per function, shared by all), driven on two parameters with exact gradients. The square is the start, crosses mark minima, each optimizer's marker its end point; the frame grows to hold every path that stays near the function's view, and a triangle marks where a path leaves it. The sentences under each plot are measured from the paths (trajectories.csv).</p>\n<div class=\"grid\">");
            foreach (var set in race.Trajectories)
            {
                var caption = TrajectoryCaption.Of(set);
                h.Append("<figure data-function=\"").Append(E(set.Function.Name)).Append("\">");
                Image(h, Charts.Paths(caption), $"Optimizer paths on {set.Function.Name}");
                h.Append("<figcaption><b>").Append(E(set.Function.Formula)).Append(".</b> ").Append(E(set.Function.About)).Append("<ul class=\"measured\">");
                foreach (string sentence in caption.Sentences) h.Append("<li>").Append(E(sentence)).Append("</li>");
                h.Append("</ul></figcaption></figure>");
            }
            h.Append("</div>\n");
        }
        h.Append("</div>\n");

        Configuration(h, race);
        Data(h, race.Data);
        Machine(h, race.Machine);
        h.Append("<h2>Files</h2>\n<p><a href=\"results.json\">results.json</a> (configuration, table and every curve and path), <a href=\"curves.csv\">curves.csv</a> (per optimizer, seed and epoch)");
        if (race.Trajectories.Count > 0) h.Append(", <a href=\"trajectories.csv\">trajectories.csv</a> (every step of every path)");
        h.Append(".</p>\n</body></html>\n");
        return h.ToString();
    }

    /// <summary>What a stopped race holds: which optimizers finished, and that every comparison is among them only.</summary>
    private static string PartialNotice(RaceResult race)
    {
        var ran = race.Summaries.Select(r => r.DisplayName).ToList();
        var missing = race.Options.Optimizers.Where(o => race.Summaries.All(r => r.Optimizer != o)).Select(OptimizerCatalog.DisplayName).ToList();
        string done = ran.Count == 0 ? "no optimizer completed every seed" : $"only {string.Join(", ", ran)} completed every seed";
        return $"Partial race: it was stopped (Ctrl-C) before it finished; {done}, and {string.Join(", ", missing)} did not run. "
            + "Every rating and comparison on this page is among the optimizers that finished only"
            + (race.Trajectories.Count == 0 ? "; the 2-D trajectories were not traced." : ".");
    }

    private static void Table(StringBuilder h, RaceResult race)
    {
        var headers = ResultColumns.Headers(race.Options.TargetAccuracy);
        h.Append("<h2>Results</h2>\n<table class=\"results\"><thead><tr>");
        foreach (string c in headers)
            h.Append("<th>").Append(E(c)).Append("</th>");
        h.Append("</tr></thead><tbody>\n");
        foreach (var row in race.Summaries)
        {
            h.Append("<tr data-optimizer=\"").Append(E(row.Optimizer)).Append("\">");
            var cells = ResultColumns.Cells(row);
            for (int i = 0; i < cells.Count; i++)
            {
                string cls = i == 0 ? " class=\"name\"" : i is 7 or 8 ? " class=\"stars\"" : i == cells.Count - 1 && row.Disagrees ? " class=\"mark\"" : "";
                string title = i == cells.Count - 1 && row.Disagrees ? $" title=\"{E(row.Explanation ?? "")}\"" : "";
                string label = i == 0 ? "" : $" data-label=\"{E(headers[i].Length > 0 ? headers[i] : "Differs from the book")}\"";
                h.Append("<td").Append(cls).Append(title).Append(label).Append('>');
                if (i == 0) h.Append("<span class=\"swatch\" style=\"background:").Append(Palette.Hex(row.Optimizer)).Append("\"></span>");
                h.Append(E(cells[i])).Append("</td>");
            }
            h.Append("</tr>\n");
        }
        h.Append("</tbody></table>\n");
        h.Append("<p class=\"note\"><b>Ratings.</b> ").Append(E(RatingRule.Description))
         .Append(" <b>Book</b>: Géron, <i>Hands-On Machine Learning</i>, table 11-2 (speed / quality). ")
         .Append(E(ResultColumns.DisagreeMark)).Append(" marks a measured rating outside the book's. Area: trapezoid rule over epochs 0…E. State: optimizer slot bytes per trainable parameter.</p>\n");
    }

    private static void Explanations(StringBuilder h, IReadOnlyList<OptimizerSummary> rows)
    {
        Notes(h, "Diverged", rows.Where(r => r.Diverged).ToList());
        Notes(h, "Where the measurement disagrees with the book", rows.Where(r => r.Explanation is not null && !r.Diverged).ToList());
    }

    private static void Notes(StringBuilder h, string title, IReadOnlyList<OptimizerSummary> rows)
    {
        if (rows.Count == 0) return;
        h.Append("<h2>").Append(E(title)).Append("</h2>\n<ul class=\"explain\">");
        foreach (var r in rows)
            h.Append("<li><span class=\"swatch\" style=\"background:").Append(Palette.Hex(r.Optimizer)).Append("\"></span>").Append(E(r.Explanation!)).Append("</li>\n");
        h.Append("</ul>\n");
    }

    private static void Configuration(StringBuilder h, RaceResult race)
    {
        var o = race.Options;
        h.Append("<h2>Configuration</h2>\n<table class=\"kv\">");
        Row(h, "Command", race.CommandLine);
        Row(h, "Data", o.Data.Describe());
        Row(h, "Model", $"{race.Model}; loss sparse_categorical_crossentropy; softmax output");
        Row(h, "Epochs / batch size", $"{o.Epochs} / {o.BatchSize}");
        Row(h, "Seeds", string.Join(", ", Enumerable.Range(0, o.Seeds).Select(k => (o.Seed + (ulong)k).ToString(CultureInfo.InvariantCulture))));
        Row(h, "Target validation accuracy", ResultColumns.Percent(o.TargetAccuracy));
        foreach (string name in o.Optimizers)
            Row(h, OptimizerCatalog.DisplayName(name), string.Join(", ", RaceSettings.AsText(o.Settings[name]).Select(kv => $"{kv.Key} = {kv.Value}")));
        h.Append("</table>\n");
    }

    private static void Data(StringBuilder h, DataSummary d)
    {
        h.Append("<h2>Data</h2>\n<table class=\"kv\">");
        Row(h, "Source", d.Description);
        Row(h, "Samples", $"{d.TrainCount:N0} training, {d.ValidationCount:N0} validation; each {string.Join("×", d.SampleShape)}");
        Row(h, "Classes (training / validation)", string.Join(", ", d.ClassNames.Select((c, i) => $"{c} ({d.TrainClassCounts[i]:N0} / {d.ValidationClassCounts[i]:N0})")));
        h.Append("</table>\n");
        if (d.Samples.Count == 0) return;
        h.Append("<div class=\"samples\">");
        foreach (var s in d.Samples)
        {
            h.Append("<figure><img class=\"sample\" alt=\"").Append(E($"sample of class {s.ClassName}")).Append("\" width=\"").Append(s.Width * 3).Append("\" height=\"").Append(s.Height * 3)
             .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(SamplePng.Encode(s))).Append("\"><figcaption>")
             .Append(E(s.ClassName)).Append("</figcaption></figure>");
        }
        h.Append("</div>\n");
    }

    private static void Machine(StringBuilder h, MachineInfo m)
    {
        h.Append("<h2>Machine and versions</h2>\n<table class=\"kv\">");
        Row(h, "Inertia", m.InertiaVersion);
        Row(h, "Runtime", m.Runtime);
        Row(h, "OS", m.Os);
        Row(h, "CPU", $"{m.Cpu}; {m.LogicalCores} logical cores; SIMD {m.Simd}");
        Row(h, "Training threads", m.Threads.ToString(CultureInfo.InvariantCulture));
        Row(h, "Training device", m.TrainingDevice);
        h.Append("</table>\n");
    }

    private static void Row(StringBuilder h, string key, string value) =>
        h.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static void Image(StringBuilder h, string svg, string alt) =>
        h.Append("<img class=\"plot\" alt=\"").Append(E(alt)).Append("\" src=\"data:image/svg+xml;base64,")
         .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))).Append("\">");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private const string Css = """
        body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;margin:24px auto;max-width:1320px;padding:0 16px;color:#222;line-height:1.4;overflow-wrap:anywhere}
        h1{margin-bottom:4px}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
        .lede{color:#444}.warn{background:#fff3cd;border:1px solid #e0c060;padding:8px 12px}
        table{border-collapse:collapse;font-size:14px}
        table.results{width:100%}
        table.results th,table.results td{border-bottom:1px solid #e4e4e4;padding:6px 8px;text-align:right}
        table.results td{white-space:nowrap}
        table.results th{background:#f4f4f4;font-size:13px;vertical-align:bottom;overflow-wrap:normal}table.results td.name{text-align:left;font-weight:bold;white-space:nowrap}
        td.stars{color:#c88a00;letter-spacing:1px}td.mark{color:#c62828;font-weight:bold;cursor:help}
        .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:middle}
        .note{font-size:13px;color:#555;max-width:1100px}
        ul.explain li{margin:6px 0;max-width:1100px}
        .legend{position:sticky;top:0;z-index:1;background:rgba(255,255,255,.96);border-bottom:1px solid #ddd;padding:6px 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px}
        .legend .key{display:inline-flex;align-items:center;gap:4px;white-space:nowrap}.legend .symbols{color:#555;white-space:normal}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr));gap:12px}
        img.plot{width:100%;max-width:560px;height:auto;border:1px solid #eee}
        figure{margin:0}figcaption{font-size:13px;color:#444;max-width:560px}figcaption ul.measured{color:#222;margin:4px 0 0;padding-left:18px}figcaption ul.measured li{margin:2px 0}
        table.kv th{text-align:left;padding:4px 12px 4px 0;vertical-align:top}table.kv td{padding:4px 0}
        .samples{display:flex;flex-wrap:wrap;gap:10px;margin-top:10px}.samples figure{text-align:center}
        img.sample{image-rendering:pixelated;border:1px solid #ccc}
        @media (max-width:1000px){table.results{font-size:12px}table.results th,table.results td{padding:4px 4px}table.results td{white-space:normal}}
        @media (max-width:640px){
        table.results thead{display:none}table.results,table.results tbody,table.results tr,table.results td{display:block;width:auto}
        table.results tr{border:1px solid #ddd;border-radius:4px;margin:0 0 10px;padding:4px 8px}
        table.results td{border:none;padding:2px 0;text-align:right;white-space:normal}table.results td:empty{display:none}
        table.results td[data-label]::before{content:attr(data-label);float:left;color:#555;padding-right:8px}
        table.results td.name{font-size:15px}
        .legend{position:static}
        }
        """;
}
