namespace Inertia.Cli.Race;

/// <summary>Hears about a race as it runs (the console's progress bars).</summary>
internal interface IRaceObserver
{
    void RunStarted(string optimizer, ulong seed, int epochs, int batchesPerEpoch);

    /// <summary>After every batch: the epoch (0-based), batches done in it, and the running mean loss.</summary>
    void BatchDone(string optimizer, ulong seed, int epoch, int batch, double runningLoss);

    void RunFinished(RunResult run);
}
