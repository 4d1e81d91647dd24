using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>Saving and restoring an optimizer's state (iterations, every slot, EMA averages, accumulators).</summary>
public abstract partial class Optimizer
{
    private const int StateFormatVersion = 1;
    private static readonly byte[] StateMagic = "IOPTSTAT"u8.ToArray();

    // A header of a stream that cannot tell its length is trusted up to this size.
    private const int MaxUnseekableHeaderBytes = 256 << 20;

    // Missing keys and nulls in a header are format errors (JsonException), never null references later.
    private static readonly JsonSerializerOptions HeaderJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private sealed class StateHeader
    {
        public required string Class { get; init; }
        public required string Name { get; init; }
        public required JsonElement Config { get; init; }
        public required long RawIterations { get; init; }
        public required int SkippedSteps { get; init; }

        // Absent in files written before the update guard: 0.
        public int OverflowedSteps { get; init; }

        public long RejectedElements { get; init; }
        public double? LearningRate { get; init; }
        public required IReadOnlyDictionary<string, double> Scalars { get; init; }
        public required string[] Slots { get; init; }
        public required StateParameter[] Parameters { get; init; }
        public required long PayloadBytes { get; init; }
    }

    private sealed class StateParameter
    {
        public required string Name { get; init; }
        public required int[] Shape { get; init; }
    }

    /// <summary>Stores optimizer-specific scalar state (e.g. Nadam's momentum product) under stable keys.</summary>
    protected virtual void WriteScalars(IDictionary<string, double> scalars)
    {
    }

    /// <summary>Restores what <see cref="WriteScalars"/> stored.</summary>
    protected virtual void ReadScalars(IReadOnlyDictionary<string, double> scalars)
    {
    }

    /// <summary>
    /// Writes the state: 8-byte magic <c>IOPTSTAT</c>, int32 format version, int32 header length, a
    /// UTF-8 JSON header (class, config, counters, slot names, parameters by name and shape, payload
    /// size), then the payload: for each parameter in header order, each slot's elements as
    /// little-endian float32. The record is self-delimiting, so it can sit inside a larger stream
    /// (a model checkpoint); the stream is left open.
    /// </summary>
    /// <exception cref="InvalidOperationException">The optimizer is not built, or is built for a shard.</exception>
    public void SaveState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var arena = _arena ?? throw new InvalidOperationException($"Optimizer '{Name}' is not built: there is no state to save.");
        RequireWholeArena();
        var slotNames = StateSlotNames().ToArray();
        var buffers = slotNames.Select(SlotByName).ToArray();
        long payloadBytes = arena.ParameterCount * sizeof(float) * buffers.Length;
        var scalars = new SortedDictionary<string, double>(StringComparer.Ordinal);
        WriteScalars(scalars);
        var header = new StateHeader
        {
            Class = GetType().Name,
            Name = Name,
            Config = JsonSerializer.SerializeToElement(GetConfig().Settings),
            RawIterations = _rawIterations,
            SkippedSteps = SkippedSteps,
            OverflowedSteps = OverflowedSteps,
            RejectedElements = RejectedElements,
            LearningRate = _schedule is null ? _constantRate : null,
            Scalars = scalars,
            Slots = slotNames,
            Parameters = arena.Parameters.Select(p => new StateParameter { Name = p.Name, Shape = p.Shape.ToArray() }).ToArray(),
            PayloadBytes = payloadBytes,
        };
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, HeaderJson);
        Span<byte> prefix = stackalloc byte[16];
        StateMagic.CopyTo(prefix);
        BitConverter.TryWriteBytes(prefix[8..], StateFormatVersion);
        BitConverter.TryWriteBytes(prefix[12..], headerBytes.Length);
        stream.Write(prefix);
        stream.Write(headerBytes);
        foreach (var p in arena.Parameters)
            foreach (var buffer in buffers)
                stream.Write(MemoryMarshal.AsBytes(buffer.Slice(p.ArenaOffset, p.Size)));
    }

    /// <summary>
    /// Restores state written by <see cref="SaveState"/>, matching slots to parameters by name.
    /// Reads exactly one record and leaves the stream after it. Nothing changes unless the whole
    /// record is valid and complete.
    /// </summary>
    /// <exception cref="InvalidOperationException">The optimizer is not built, or is built for a shard.</exception>
    /// <exception cref="InvalidDataException">The record is not optimizer state, is of another version or algorithm, has other slots, or its parameters differ from the arena's (all differences are named).</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the record.</exception>
    public void LoadState(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var arena = _arena ?? throw new InvalidOperationException($"Optimizer '{Name}' is not built: call Build(arena) before LoadState.");
        RequireWholeArena();
        long start = stream.CanSeek ? stream.Position : 0;
        Span<byte> prefix = stackalloc byte[16];
        stream.ReadExactly(prefix);
        if (!prefix[..8].SequenceEqual(StateMagic))
            throw new InvalidDataException($"The data at stream offset {start} is not Inertia optimizer state (magic 'IOPTSTAT' expected).");
        int version = BitConverter.ToInt32(prefix[8..12]);
        if (version != StateFormatVersion)
            throw new InvalidDataException($"Optimizer state format version {version} at stream offset {start} is not supported (this build reads version {StateFormatVersion}).");
        int headerLength = BitConverter.ToInt32(prefix[12..16]);
        long available = stream.CanSeek ? stream.Length - stream.Position : MaxUnseekableHeaderBytes;
        if (headerLength <= 0 || headerLength > available)
            throw new InvalidDataException($"Optimizer state header length {headerLength} at stream offset {start + 12} is invalid (at most {available} bytes can follow).");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        StateHeader header;
        try
        {
            header = JsonSerializer.Deserialize<StateHeader>(headerBytes, HeaderJson)
                ?? throw new InvalidDataException($"The optimizer state header at stream offset {start + 16} is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The optimizer state header at stream offset {start + 16} is not valid: {e.Message}", e);
        }

        if (header.Class != GetType().Name)
            throw new InvalidDataException($"The saved state belongs to a {header.Class} optimizer; this one is a {GetType().Name}.");
        var ownSlots = StateSlotNames().ToArray();
        if (!header.Slots.SequenceEqual(ownSlots))
            throw new InvalidDataException($"The saved state holds slots [{string.Join(", ", header.Slots)}]; optimizer '{Name}' has [{string.Join(", ", ownSlots)}] (check amsgrad, momentum, centered, useEma, gradientAccumulationSteps).");

        var saved = header.Parameters;
        var savedNames = saved.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var missing = arena.Parameters.Where(p => !savedNames.Contains(p.Name)).Select(p => p.Name).ToArray();
        var unexpected = saved.Where(s => !arena.Contains(s.Name)).Select(s => s.Name).ToArray();
        var reshaped = saved.Where(s => arena.Contains(s.Name) && !arena[s.Name].Shape.ToArray().SequenceEqual(s.Shape))
            .Select(s => $"{s.Name} saved as ({string.Join(", ", s.Shape)}) but is {arena[s.Name].Shape}").ToArray();
        if (missing.Length + unexpected.Length + reshaped.Length > 0 || savedNames.Count != saved.Length)
        {
            var problems = new List<string>();
            if (missing.Length > 0) problems.Add($"no saved state for: {string.Join(", ", missing)}");
            if (unexpected.Length > 0) problems.Add($"saved state for parameters that do not exist: {string.Join(", ", unexpected)}");
            if (reshaped.Length > 0) problems.Add($"shape changed: {string.Join("; ", reshaped)}");
            if (savedNames.Count != saved.Length) problems.Add("a parameter is listed twice");
            throw new InvalidDataException($"The saved optimizer state does not match the parameters of optimizer '{Name}': {string.Join("; ", problems)}.");
        }

        long expectedBytes = saved.Sum(s => (long)arena[s.Name].Size) * sizeof(float) * ownSlots.Length;
        long payloadBytes = header.PayloadBytes;
        if (payloadBytes != expectedBytes)
            throw new InvalidDataException($"The saved optimizer state declares {payloadBytes} payload bytes; its parameters and slots need {expectedBytes}.");
        var payload = new byte[payloadBytes];
        stream.ReadExactly(payload);

        ReadScalars(header.Scalars);
        var buffers = ownSlots.Select(SlotByName).ToArray();
        int offset = 0;
        foreach (var entry in saved)
        {
            var p = arena[entry.Name];
            foreach (var buffer in buffers)
            {
                int bytes = p.Size * sizeof(float);
                MemoryMarshal.Cast<byte, float>(payload.AsSpan(offset, bytes)).CopyTo(buffer.Slice(p.ArenaOffset, p.Size));
                offset += bytes;
            }
        }
        _rawIterations = header.RawIterations;
        SkippedSteps = header.SkippedSteps;
        OverflowedSteps = header.OverflowedSteps;
        RejectedElements = header.RejectedElements;
        LastOverflow = null;
        if (header.LearningRate is { } rate)
            LearningRate = rate;
    }

    /// <summary>The names of the state arrays <see cref="SaveState"/> writes: the algorithm's slots, then <c>average</c> and <c>accumulator</c> when kept.</summary>
    internal IReadOnlyList<string> StateSlots => StateSlotNames().ToArray();

    /// <summary>The whole host array of the named state (arena layout), for a device executor copying its state in or out.</summary>
    internal Span<float> StateArray(string slotName)
    {
        RequireWholeArena();
        return SlotByName(slotName).Span;
    }

    // A saved record holds every parameter's state; a shard holds only part of it.
    private void RequireWholeArena()
    {
        if (_shard is { } shard)
            throw new InvalidOperationException($"Optimizer '{Name}' holds the state of the shard [{shard.Start}, {shard.End}) only; gather the shards' state into an optimizer built for the whole arena to save or load it.");
    }
}
