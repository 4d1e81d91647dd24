namespace Inertia.Training.Callbacks;

/// <summary>
/// The callbacks of one <c>Fit</c>, called as one (Keras <c>CallbackList</c>): each event goes to
/// every callback in the order given. Indexed loops, so a batch's fan-out allocates nothing.
/// </summary>
internal sealed class CallbackList(List<Callback> callbacks)
{
    public void Attach(Sequential model)
    {
        for (int i = 0; i < callbacks.Count; i++) callbacks[i].Model = model;
    }

    public void OnTrainBegin()
    {
        for (int i = 0; i < callbacks.Count; i++) callbacks[i].OnTrainBegin();
    }

    public void OnEpochBegin(int epoch)
    {
        for (int i = 0; i < callbacks.Count; i++) callbacks[i].OnEpochBegin(epoch);
    }

    public void OnBatchEnd(int batch, BatchLogs logs)
    {
        for (int i = 0; i < callbacks.Count; i++) callbacks[i].OnBatchEnd(batch, logs);
    }

    public void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        for (int i = 0; i < callbacks.Count; i++) callbacks[i].OnEpochEnd(epoch, logs);
    }

    public void OnTrainEnd()
    {
        for (int i = 0; i < callbacks.Count; i++) callbacks[i].OnTrainEnd();
    }

    public void OnTrainingEvent(TrainingEvent trainingEvent)
    {
        for (int i = 0; i < callbacks.Count; i++) callbacks[i].OnTrainingEvent(trainingEvent);
    }
}
