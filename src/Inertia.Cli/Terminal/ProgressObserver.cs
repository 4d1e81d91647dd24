using System.Globalization;
using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Spectre.Console;

namespace Inertia.Cli.Terminal;

/// <summary>
/// One Spectre.Console progress bar per run (optimizer and seed) with its epoch, batch, running
/// loss and ETA. On a console that is not interactive (a log file, CI) it writes one line per
/// finished run instead.
/// </summary>
internal sealed class ProgressObserver(IAnsiConsole console, ProgressContext? context) : IRaceObserver
{
    private ProgressTask? _task;
    private int _epochs;
    private int _batches;
    private long _lastUpdate;

    public void RunStarted(string optimizer, ulong seed, int epochs, int batchesPerEpoch)
    {
        _epochs = epochs;
        _batches = batchesPerEpoch;
        if (context is null) return;
        _task = context.AddTask(Label(optimizer, seed), maxValue: (double)epochs * batchesPerEpoch);
    }

    public void BatchDone(string optimizer, ulong seed, int epoch, int batch, double runningLoss)
    {
        if (_task is null) return;
        // Redrawing the description on every batch costs more than the batch itself on small models.
        long now = Environment.TickCount64;
        if (now - _lastUpdate < 100 && batch != _batches) return;
        _lastUpdate = now;
        _task.Value = (double)epoch * _batches + batch;
        _task.Description = $"{Label(optimizer, seed)} [grey]epoch[/] {epoch + 1}/{_epochs} [grey]batch[/] {batch,5}/{_batches} [grey]loss[/] {runningLoss.ToString("0.0000", CultureInfo.InvariantCulture)}";
    }

    public void RunFinished(RunResult run)
    {
        var final = run.Final;
        string summary = $"val loss {final.ValidationLoss.ToString("0.0000", CultureInfo.InvariantCulture)} val acc {ResultColumns.Percent(final.ValidationAccuracy)} ({final.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)";
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.Description = $"{Label(run.Optimizer, run.Seed)} [green]{Markup.Escape(summary)}[/]";
            _task.StopTask();
            _task = null;
        }
        else
            console.MarkupLineInterpolated($"{OptimizerCatalog.DisplayName(run.Optimizer)} (seed {run.Seed}): {summary}");
    }

    private static string Label(string optimizer, ulong seed) =>
        $"[bold]{Markup.Escape(OptimizerCatalog.DisplayName(optimizer)),-8}[/] [grey]seed {seed}[/]";
}
