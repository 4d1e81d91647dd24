using ILGPU;
using ILGPU.Runtime;
using Inertia.Gpu.Optimizers;
using Inertia.Tensors;

namespace Inertia.Gpu;

/// <summary>
/// The device copy of a <see cref="ParameterArena"/>: values and gradients in two device buffers
/// with exactly the host layout (each parameter at its <see cref="Parameter.ArenaOffset"/>, padding
/// zero), so whole-arena uploads and downloads are single copies and device slots mirror host slots.
/// </summary>
public sealed class GpuArena : IDisposable
{
    private readonly List<MemoryBuffer1D<float, Stride1D.Dense>> _slots = [];

    /// <summary>Allocates the device buffers for <paramref name="host"/> and uploads its values (gradients start at zero).</summary>
    public GpuArena(GpuContext context, ParameterArena host)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(host);
        Context = context;
        Host = host;
        var accelerator = context.Accelerator;
        Values = accelerator.Allocate1D<float>(Math.Max(host.Length, 1));
        Gradients = accelerator.Allocate1D<float>(Math.Max(host.Length, 1));
        Gradients.MemSetToZero();
        var segments = new int[Math.Max(1, (host.Length + AlignedBuffer.AlignmentFloats - 1) >> UpdateKernel.SegmentShift)];
        for (int p = 0; p < host.Parameters.Count; p++)
        {
            var parameter = host.Parameters[p];
            int padded = (parameter.Size + AlignedBuffer.AlignmentFloats - 1) / AlignedBuffer.AlignmentFloats * AlignedBuffer.AlignmentFloats;
            for (int s = parameter.ArenaOffset >> UpdateKernel.SegmentShift; s < (parameter.ArenaOffset + padded) >> UpdateKernel.SegmentShift; s++)
                segments[s] = p;
        }
        Segments = accelerator.Allocate1D(segments);
        UploadValues();
    }

    /// <summary>The context the buffers live in.</summary>
    public GpuContext Context { get; }

    /// <summary>The host arena this one mirrors.</summary>
    public ParameterArena Host { get; }

    /// <summary>Number of floats (the host arena's <see cref="ParameterArena.Length"/>).</summary>
    public int Length => Host.Length;

    /// <summary>All parameter values.</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> Values { get; }

    /// <summary>All gradients.</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> Gradients { get; }

    /// <summary>The parameter index of every 16-float segment.</summary>
    internal MemoryBuffer1D<int, Stride1D.Dense> Segments { get; }

    /// <summary>The device view of <paramref name="parameter"/>'s value.</summary>
    public ArrayView<float> Value(Parameter parameter) => Range(Values, Offset(parameter), parameter.Size);

    /// <summary>The device view of <paramref name="parameter"/>'s gradient.</summary>
    public ArrayView<float> Gradient(Parameter parameter) => Range(Gradients, Offset(parameter), parameter.Size);

    /// <summary>A device buffer of the arena's layout: <paramref name="initialValue"/> inside every parameter, zero in the padding.</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> CreateSlot(float initialValue = 0f)
    {
        var slot = Context.Accelerator.Allocate1D<float>(Math.Max(Length, 1));
        _slots.Add(slot);
        if (initialValue == 0f) slot.MemSetToZero();
        else Range(slot, 0, Length).CopyFromCPU(Host.CreateSlot(initialValue).Span);
        return slot;
    }

    /// <summary>Copies the host values to the device.</summary>
    public void UploadValues()
    {
        if (Length > 0) Range(Values, 0, Length).CopyFromCPU(Host.Values.Span);
    }

    /// <summary>Copies the device values to the host arena (the CPU model then sees the trained weights).</summary>
    public void DownloadValues()
    {
        if (Length > 0) Range(Values, 0, Length).CopyToCPU(Host.Values.Span);
    }

    /// <summary>Copies the host gradients to the device (for code that computes gradients on the CPU).</summary>
    public void UploadGradients()
    {
        if (Length > 0) Range(Gradients, 0, Length).CopyFromCPU(Host.Gradients.Span);
    }

    /// <summary>Copies the device gradients to the host arena.</summary>
    public void DownloadGradients()
    {
        if (Length > 0) Range(Gradients, 0, Length).CopyToCPU(Host.Gradients.Span);
    }

    /// <summary>A contiguous view of <paramref name="length"/> floats of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
    internal static ArrayView<T> Range<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer, int offset, int length) where T : unmanaged =>
        ((ArrayView<T>)buffer.View).SubView(offset, length);

    internal int Offset(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!ReferenceEquals(parameter.Arena, Host))
            throw new ArgumentException($"Parameter '{parameter.Name}' is not in the arena this GpuArena mirrors.", nameof(parameter));
        return parameter.ArenaOffset;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var slot in _slots) slot.Dispose();
        Segments.Dispose();
        Gradients.Dispose();
        Values.Dispose();
    }
}
