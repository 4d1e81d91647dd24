using System.Runtime.InteropServices;
using static MPI.Unsafe;

namespace Inertia.Distributed;

/// <summary>
/// The processes of one job (MPI's <c>MPI_COMM_WORLD</c>): this process's <see cref="Rank"/> among
/// <see cref="Size"/>, and the few collectives training needs, on spans so that no step allocates.
/// A process started without an MPI launcher is a world of one that never loads MPI, so a plain
/// run works exactly as before and needs no MPI library.
/// </summary>
/// <remarks>
/// Collectives must be called from the thread that joined (MPI is initialised with
/// <c>MPI_THREAD_FUNNELED</c>; Inertia's kernels use their own worker threads but never call MPI).
/// </remarks>
public sealed unsafe class World : IDisposable
{
    private static readonly IntPtr InPlace = new(-1);
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(1);
    private static World? _current;
    private readonly bool _mpi;
    private bool _disposed;

    private World(int rank, int size, bool mpi)
    {
        Rank = rank;
        Size = size;
        _mpi = mpi;
    }

    /// <summary>This process's index, 0 … <see cref="Size"/> − 1.</summary>
    public int Rank { get; }

    /// <summary>Number of processes in the job.</summary>
    public int Size { get; }

    /// <summary>Whether this is rank 0, the one that prints, writes reports and saves checkpoints.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>Whether the process was started by an MPI launcher (MPICH's Hydra <c>mpiexec</c>, Slurm <c>srun --mpi=pmi2</c>).</summary>
    public static bool LaunchedByMpi =>
        Environment.GetEnvironmentVariable("PMI_RANK") is not null || Environment.GetEnvironmentVariable("PMI_FD") is not null
        || Environment.GetEnvironmentVariable("PMIX_RANK") is not null;

    /// <summary>
    /// Joins the job once per process (initialising MPI when launched by an MPI launcher, a world of
    /// one otherwise); later calls return the same world until it is disposed.
    /// </summary>
    /// <exception cref="DllNotFoundException">Launched by MPI but MPICH's library is missing; the message names the package.</exception>
    public static World Join()
    {
        if (_current is { _disposed: false } current) return current;
        if (!LaunchedByMpi) return _current = new World(0, 1, mpi: false);
        MpiLibrary.Load();
        int argc = 0;
        byte** argv = null;
        Check(MPI_Init_thread(ref argc, ref argv, MPI_THREAD_FUNNELED, out int provided), "MPI_Init_thread");
        if (provided < MPI_THREAD_FUNNELED)
            throw new InvalidOperationException($"The MPI library offers thread level {provided}; Inertia needs MPI_THREAD_FUNNELED ({MPI_THREAD_FUNNELED}).");
        Check(MPI_Comm_rank(MPI_COMM_WORLD, out int rank), "MPI_Comm_rank");
        Check(MPI_Comm_size(MPI_COMM_WORLD, out int size), "MPI_Comm_size");
        return _current = new World(rank, size, mpi: true);
    }

    /// <summary>Sums <paramref name="values"/> element-wise over all ranks, in place; every rank receives the same bits.</summary>
    public void AllreduceSum(Span<float> values)
    {
        if (!_mpi || values.IsEmpty) return;
        fixed (float* p = values)
            Check(MPI_Allreduce(InPlace, (IntPtr)p, values.Length, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD), "MPI_Allreduce");
    }

    /// <summary>Sums <paramref name="values"/> element-wise over all ranks, in place, in double.</summary>
    public void AllreduceSum(Span<double> values)
    {
        if (!_mpi || values.IsEmpty) return;
        fixed (double* p = values)
            Check(MPI_Allreduce(InPlace, (IntPtr)p, values.Length, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD), "MPI_Allreduce");
    }

    /// <summary>Sums <paramref name="values"/> element-wise over all ranks, in place.</summary>
    public void AllreduceSum(Span<long> values)
    {
        if (!_mpi || values.IsEmpty) return;
        fixed (long* p = values)
            Check(MPI_Allreduce(InPlace, (IntPtr)p, values.Length, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD), "MPI_Allreduce");
    }

    /// <summary>Largest of every rank's <paramref name="value"/>.</summary>
    public int AllreduceMax(int value)
    {
        if (!_mpi) return value;
        Check(MPI_Allreduce(InPlace, (IntPtr)(&value), 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
        return value;
    }

    /// <summary>
    /// Reduce-scatter, in place: sums <paramref name="values"/> over all ranks and leaves the sums
    /// of this rank's block (block r has <paramref name="counts"/>[r] elements, the blocks tile
    /// <paramref name="values"/> in rank order) at the block's own place; the rest of
    /// <paramref name="values"/> is left undefined.
    /// </summary>
    public void ReduceScatterSum(Span<float> values, int[] counts)
    {
        if (!_mpi) return;
        int first = 0;
        for (int r = 0; r < Rank; r++) first += counts[r];
        fixed (float* p = values)
            Check(MPI_Reduce_scatter(InPlace, (IntPtr)p, counts, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD), "MPI_Reduce_scatter");
        // MPI leaves the block at the front of the buffer.
        if (first > 0) values[..counts[Rank]].CopyTo(values[first..]);
    }

    /// <summary>Copies every rank's block of <paramref name="values"/> (sizes <paramref name="counts"/>, offsets <paramref name="offsets"/>) to every rank, in place.</summary>
    public void AllgatherInPlace(Span<float> values, int[] counts, int[] offsets)
    {
        if (!_mpi) return;
        fixed (float* p = values)
            Check(MPI_Allgatherv(InPlace, 0, MPI_FLOAT, (IntPtr)p, counts, offsets, MPI_FLOAT, MPI_COMM_WORLD), "MPI_Allgatherv");
    }

    /// <summary>Gathers every rank's <paramref name="values"/> (the same length on every rank) into <paramref name="all"/> (<see cref="Size"/> times as long), rank order.</summary>
    public void Allgather(ReadOnlySpan<float> values, Span<float> all)
    {
        if (all.Length != values.Length * Size)
            throw new ArgumentException($"The receive span holds {all.Length} floats; {Size} ranks × {values.Length} need {values.Length * Size}.", nameof(all));
        if (!_mpi) { values.CopyTo(all); return; }
        fixed (float* s = values)
        fixed (float* p = all)
            Check(MPI_Allgather((IntPtr)s, values.Length, MPI_FLOAT, (IntPtr)p, values.Length, MPI_FLOAT, MPI_COMM_WORLD), "MPI_Allgather");
    }

    /// <summary>Overwrites <paramref name="values"/> on every rank with rank <paramref name="root"/>'s.</summary>
    public void Broadcast(Span<float> values, int root = 0)
    {
        if (!_mpi || values.IsEmpty) return;
        fixed (float* p = values)
            Check(MPI_Bcast((IntPtr)p, values.Length, MPI_FLOAT, root, MPI_COMM_WORLD), "MPI_Bcast");
    }

    /// <summary>Rank <paramref name="root"/>'s bytes on every rank (the others pass anything, e.g. null).</summary>
    public byte[] Broadcast(byte[]? bytes, int root)
    {
        if (!_mpi) return bytes ?? [];
        int length = Rank == root ? bytes!.Length : 0;
        Check(MPI_Bcast((IntPtr)(&length), 1, MPI_INT, root, MPI_COMM_WORLD), "MPI_Bcast");
        var result = Rank == root ? bytes! : new byte[length];
        fixed (byte* p = result)
            Check(MPI_Bcast((IntPtr)p, length, MPI_BYTE, root, MPI_COMM_WORLD), "MPI_Bcast");
        return result;
    }

    /// <summary>Every rank's bytes, in rank order, on every rank.</summary>
    public byte[][] AllgatherBytes(byte[] bytes)
    {
        if (!_mpi) return [bytes];
        var lengths = new int[Size];
        int length = bytes.Length;
        fixed (int* l = lengths)
            Check(MPI_Allgather((IntPtr)(&length), 1, MPI_INT, (IntPtr)l, 1, MPI_INT, MPI_COMM_WORLD), "MPI_Allgather");
        var offsets = new int[Size];
        for (int r = 1; r < Size; r++) offsets[r] = checked(offsets[r - 1] + lengths[r - 1]);
        var all = new byte[offsets[^1] + lengths[^1]];
        fixed (byte* s = bytes)
        fixed (byte* a = all)
            Check(MPI_Allgatherv((IntPtr)s, length, MPI_BYTE, (IntPtr)a, lengths, offsets, MPI_BYTE, MPI_COMM_WORLD), "MPI_Allgatherv");
        var result = new byte[Size][];
        for (int r = 0; r < Size; r++) result[r] = all.AsSpan(offsets[r], lengths[r]).ToArray();
        return result;
    }

    /// <summary>Waits until every rank gets here.</summary>
    public void Barrier()
    {
        if (_mpi) Check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
    }

    /// <summary>
    /// Ends every process of the job with <paramref name="exitCode"/> (<c>MPI_Abort</c>): the way out
    /// when this rank fails in the middle of a step, where the others wait in a collective that
    /// would never complete.
    /// </summary>
    public void Abort(int exitCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        // The launcher forwards a rank's output through its own proxy, which MPI_Abort kills with
        // the job: without a moment's grace a loaded machine loses the line that says why.
        if (_mpi) Thread.Sleep(AbortGrace);
        if (_mpi) MPI_Abort(MPI_COMM_WORLD, exitCode);
        Environment.Exit(exitCode);
    }

    /// <summary>Leaves the job (<c>MPI_Finalize</c>).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_mpi) MPI_Finalize();
    }

    private static void Check(int code, string call)
    {
        if (code != MPI_SUCCESS) throw new InvalidOperationException($"{call} failed with MPI error {code}.");
    }
}
