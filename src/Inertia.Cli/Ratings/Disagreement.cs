using System.Globalization;

namespace Inertia.Cli.Ratings;

/// <summary>
/// Writes the sentence that explains why a measured rating differs from the book's, from what
/// the optimizer's update rule does at the settings it ran with.
/// </summary>
internal static class Disagreement
{
    private static readonly HashSet<string> Adaptive = ["rmsprop", "adam", "adamax", "nadam", "adamw"];

    public static string? Explain(OptimizerSummary row, RaceContext race)
    {
        if (row.Book is null || !row.Disagrees) return null;
        var parts = new List<string>();
        if (row.SpeedDisagrees) parts.Add(Speed(row, race));
        if (row.QualityDisagrees) parts.Add(Quality(row, race));
        return string.Join(" ", parts);
    }

    private static string Speed(OptimizerSummary row, RaceContext race)
    {
        string name = row.DisplayName;
        string o = row.Optimizer;
        double lr = race.Setting(o, "learningRate") ?? double.NaN;
        double ratio = row.LossArea.Mean / race.BestLossArea;
        bool slower = row.Speed < row.Book!.Speed.Min();
        string compared = o == race.Fastest
            ? "it had the smallest validation-loss area in the race"
            : $"its validation-loss area is {R(ratio)}× the fastest's ({OptimizerCatalog.DisplayName(race.Fastest)})";
        string measured = $"{name} measured {Stars.Of(row.Speed)} for speed where the book says {row.Book.SpeedText}: {compared}.";
        if (o is "momentum" or "nag")
        {
            double beta = race.Setting(o, "momentum") ?? 0.9;
            double velocity = lr / (1 - beta);
            string sgd = race.Setting("sgd", "learningRate") is { } sgdLr
                ? Math.Abs(sgdLr - velocity) < 1e-12 ? $", exactly the step SGD takes at its {F(sgdLr)}" : $", while SGD here steps at {F(sgdLr)}"
                : "";
            return slower
                ? $"{measured} At learning rate {F(lr)} with β = {F(beta)}, its terminal velocity is lr/(1−β) = {F(velocity)} per unit of gradient{sgd}, so it moves no faster than plain gradient descent at that rate; the book compares at equal learning rates."
                : $"{measured} With β = {F(beta)} the velocity builds up to 1/(1−β) = {F(1 / (1 - beta))}× the gradient step (terminal velocity {F(velocity)}){sgd}{VersusAdaptive(row, race)}.";
        }
        if (o == "sgd")
        {
            string mom = race.Setting("momentum", "learningRate") is { } mlr
                ? $" — the same as momentum's terminal velocity at learning rate {F(mlr)} and β = {F(race.Setting("momentum", "momentum") ?? 0.9)} ({F(mlr / (1 - (race.Setting("momentum", "momentum") ?? 0.9)))})"
                : "";
            return $"{measured} Plain gradient descent at learning rate {F(lr)} takes steps of {F(lr)}·∇J{mom}; over {race.Epochs} epochs that was enough to keep pace{VersusAdaptive(row, race)}. The book's ★ is for ill-conditioned problems and equal learning rates.";
        }
        if (o == "adagrad")
        {
            double init = race.Setting(o, "initialAccumulatorValue") ?? 0.1;
            return slower
                ? $"{measured} AdaGrad divides each step by the root of the sum of all past squared gradients (starting at {F(init)}), so at learning rate {F(lr)} its steps only ever shrink: it is the book's \"stops too early\" seen already in a short race, while RMSprop and Adam forget old gradients and keep their step size."
                : $"{measured} Its accumulated squared gradients had not yet shrunk its steps within {race.Epochs} epochs.";
        }
        if (Adaptive.Contains(o))
            return slower
                ? $"{measured} Its per-coordinate steps are about the learning rate ({F(lr)}) whatever the gradient's scale; at this rate and {race.Epochs} epochs, another optimizer's larger effective step went further."
                : measured;
        return measured;
    }

    /// <summary>How the optimizer's area compares with the adaptive methods that ran, or that none did (a race stopped early, or one without them).</summary>
    private static string VersusAdaptive(OptimizerSummary row, RaceContext race)
    {
        var adaptive = race.LossAreas.Where(kv => Adaptive.Contains(kv.Key)).ToList();
        if (adaptive.Count == 0) return "; no adaptive method ran in this race to compare it with";
        var best = adaptive.MinBy(kv => kv.Value);
        if (best.Key == race.Fastest) return "";
        return $"; its area is {R(row.LossArea.Mean / best.Value)}× that of the fastest adaptive method that ran ({OptimizerCatalog.DisplayName(best.Key)})";
    }

    private static string Quality(OptimizerSummary row, RaceContext race)
    {
        string name = row.DisplayName;
        double gap = RatingRule.GapPoints(row.FinalAccuracy.Mean, race.BestFinalAccuracy);
        string compared = row.Optimizer == race.MostAccurate
            ? "it had the best final validation accuracy in the race"
            : $"its final validation accuracy is {R(gap)} points below the best ({OptimizerCatalog.DisplayName(race.MostAccurate)})";
        string measured = $"{name} measured {Stars.Of(row.Quality)} for quality where the book says {row.Book!.QualityText}: {compared}.";
        bool worse = row.Quality < row.Book.Quality.Min();
        return row.Optimizer switch
        {
            "adagrad" when !worse => $"{measured} AdaGrad's \"stops too early\" shows in long training, once the accumulated squared gradients have shrunk its steps to almost nothing; {race.Epochs} epochs end before that happens.",
            "sgd" or "momentum" or "nag" when worse => $"{measured} It had not converged after {race.Epochs} epochs: the book's {row.Book.QualityText} is about where it ends up after long training, and a short race mostly measures speed.",
            _ when worse && Adaptive.Contains(row.Optimizer) && row.Speed < 3 => $"{measured} It was also slower here, so it had not converged after {race.Epochs} epochs; the book's {row.Book.QualityText} is about where it ends up.",
            _ when worse && Adaptive.Contains(row.Optimizer) => $"{measured} It converged as fast as the best, so this is generalization: adaptive methods can generalize worse on some data sets (Wilson et al., 2017), which is why the book hedges with {row.Book.QualityText}.",
            _ => measured,
        };
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
