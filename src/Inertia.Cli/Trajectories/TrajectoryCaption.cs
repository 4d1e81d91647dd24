using System.Globalization;
using Inertia.Cli.Ratings;

namespace Inertia.Cli.Trajectories;

/// <summary>
/// What a trajectory plot shows, measured: the frame, each path's <see cref="PathOutcome"/> and the
/// claims the caption makes from them. Only <see cref="TestFunction.About"/> is fixed prose.
/// </summary>
internal sealed record TrajectoryCaption(TrajectorySet Set, PlotFrame Frame, IReadOnlyList<PathOutcome> Outcomes, IReadOnlyList<CaptionClaim> Claims)
{
    public static TrajectoryCaption Of(TrajectorySet set)
    {
        var frame = PlotFrame.Of(set);
        var outcomes = set.Paths.Select(p => PathMeasures.Measure(set.Function, p, frame)).ToList();
        var claims = new List<CaptionClaim>();
        var ranked = outcomes.OrderBy(o => o.FinalDistance).ToList();
        claims.Add(Claim(ClaimKind.Ranking, ranked, o => o.FinalDistance));
        claims.Add(Claim(ClaimKind.Reached, outcomes.Where(o => o.StepsToTolerance is not null).OrderBy(o => o.StepsToTolerance), o => o.StepsToTolerance!.Value));
        claims.Add(Claim(ClaimKind.Oscillated, outcomes.Where(o => o.Crossings >= PathMeasures.OscillationCrossings).OrderByDescending(o => o.Crossings), o => o.Crossings));
        claims.Add(Claim(ClaimKind.Diverged, outcomes.Where(o => o.Diverged), o => o.Steps));
        claims.Add(Claim(ClaimKind.LeftFrame, outcomes.Where(o => o.FirstStepOutsideFrame is not null && !o.Diverged), o => o.FirstStepOutsideFrame!.Value));
        return new TrajectoryCaption(set, frame, outcomes, claims);
    }

    /// <summary>The caption's measured sentences, one per claim that names anyone (and "none reached" when none did).</summary>
    public IReadOnlyList<string> Sentences => Claims.Select(Sentence).Where(s => s.Length > 0).ToList();

    public string Text => string.Join(" ", Sentences);

    private string Sentence(CaptionClaim c)
    {
        var f = Set.Function;
        string tol = F(PathMeasures.Tolerance);
        var items = c.Optimizers.Select((o, i) => (Name: OptimizerCatalog.DisplayName(o), Value: c.Values[i])).ToList();
        return c.Kind switch
        {
            ClaimKind.Ranking => $"Distance from the nearest minimum after {f.Steps} steps, nearest first: {Grouped(items, v => F(v))}.",
            ClaimKind.Reached when items.Count == 0 => $"No optimizer came within {tol} of a minimum in {f.Steps} steps.",
            ClaimKind.Reached => $"Within {tol} of a minimum first: {string.Join(", ", items.Select(i => $"{i.Name} at step {I(i.Value)}"))}"
                + (items.Count < Outcomes.Count ? $"; the others never in {f.Steps} steps." : "."),
            ClaimKind.Oscillated when items.Count > 0 => $"Oscillated across the minimum's x or y level: {Grouped(items, v => $"{I(v)} crossings")}.",
            ClaimKind.Diverged when items.Count > 0 => $"Diverged (stopped more than 20 plot widths away): {Grouped(items, v => $"after {I(v)} steps")}.",
            ClaimKind.LeftFrame when items.Count > 0 => $"Left the frame (cut there, marked ▲): {Grouped(items, v => $"at step {I(v)}")}.",
            _ => "",
        };
    }

    /// <summary>"Adam, Nadam 2.00, SGD 0.252": optimizers whose rendered numbers are equal share one.</summary>
    private static string Grouped(List<(string Name, double Value)> items, Func<double, string> render)
    {
        var groups = new List<(List<string> Names, string Text)>();
        foreach (var (name, value) in items)
        {
            string text = render(value);
            if (groups.Count > 0 && groups[^1].Text == text) groups[^1].Names.Add(name);
            else groups.Add(([name], text));
        }
        return string.Join("; ", groups.Select(g => $"{string.Join(", ", g.Names)} {g.Text}"));
    }

    private static CaptionClaim Claim(ClaimKind kind, IEnumerable<PathOutcome> outcomes, Func<PathOutcome, double> value)
    {
        var list = outcomes.ToList();
        return new CaptionClaim(kind, list.Select(o => o.Optimizer).ToList(), list.Select(value).ToList());
    }

    private static string F(double v) => v < 0.001 ? "< 0.001" : v.ToString("G3", CultureInfo.InvariantCulture);

    private static string I(double v) => v.ToString("0", CultureInfo.InvariantCulture);
}
