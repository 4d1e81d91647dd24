using System.Diagnostics;

namespace Inertia.Benchmarks.Peer;

/// <summary>
/// Median time of one repetition: warms up (long enough for the JIT's tiering and for a
/// library's worker threads to settle), then repeats for about a time budget (at least a few
/// repetitions). The median resists the other processes sharing the machine.
/// </summary>
internal static class PeerTimer
{
    public static double MedianSeconds(Action action, double budgetSeconds = 1.5, int minimumRepetitions = 3)
    {
        var clock = Stopwatch.StartNew();
        int warmups = 0;
        while (warmups < 2 || clock.Elapsed.TotalSeconds < 0.3)
        {
            action();
            warmups++;
        }
        double once = clock.Elapsed.TotalSeconds / warmups;
        int repetitions = (int)Math.Clamp(budgetSeconds / Math.Max(once, 1e-7), minimumRepetitions, 2000);
        var times = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        return times[repetitions / 2];
    }

    /// <summary>Median of <paramref name="repetitions"/> timed runs after <paramref name="warmup"/> (or one untimed run), for workloads of seconds (an epoch).</summary>
    public static double MedianSeconds(Action action, int repetitions, Action? warmup)
    {
        (warmup ?? action)();
        var times = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        return times[repetitions / 2];
    }
}
