using System.Globalization;
using System.Text;
using Inertia.Cli.Race;
using Inertia.Cli.Trajectories;

namespace Inertia.Cli.Report;

/// <summary>
/// curves.csv: one row per optimizer, seed and epoch (epoch 0 is the shared initial weights);
/// trajectories.csv: one row per test function, optimizer and step.
/// </summary>
internal static class CurvesCsv
{
    public const string Header = "optimizer,seed,epoch,seconds,train_loss,train_accuracy,val_loss,val_accuracy";

    public static string Curves(IEnumerable<RunResult> runs)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in runs)
            foreach (var e in r.Epochs)
                sb.Append(r.Optimizer).Append(',').Append(r.Seed.ToString(CultureInfo.InvariantCulture)).Append(',')
                  .Append(e.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
                  .Append(N(e.Seconds)).Append(',').Append(N(e.TrainLoss)).Append(',').Append(N(e.TrainAccuracy)).Append(',')
                  .Append(N(e.ValidationLoss)).Append(',').Append(N(e.ValidationAccuracy)).Append('\n');
        return sb.ToString();
    }

    public static string Trajectories(IEnumerable<TrajectorySet> sets)
    {
        var sb = new StringBuilder("function,optimizer,learning_rate,step,x,y,f\n");
        foreach (var set in sets)
            foreach (var p in set.Paths)
                for (int i = 0; i < p.Points.Count; i++)
                {
                    var (x, y) = p.Points[i];
                    sb.Append('"').Append(set.Function.Name).Append("\",").Append(p.Optimizer).Append(',').Append(N(p.LearningRate)).Append(',')
                      .Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(N(x)).Append(',').Append(N(y)).Append(',')
                      .Append(N(set.Function.Value(x, y))).Append('\n');
                }
        return sb.ToString();
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
