using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Inertia.Tensors;

namespace Inertia.Training.Serialization;

/// <summary>
/// The model file: one self-checking binary file holding architecture, weights, layer state,
/// compile settings, optimizer state and training position.
/// </summary>
/// <remarks>
/// Layout (little-endian): magic <c>INERTIA\0</c> (8 bytes), format version (uint32), header
/// length H (uint32), the header (H bytes of UTF-8 JSON: name, input shape, seed, completed
/// epochs, layers as class name + config + trainable (+ the mask counter of random layers), the name and shape of every tensor, and the
/// compile settings with the optimizer's config and state length), then every tensor's float32
/// values in header order, then the optimizer's own state, then the SHA-256 of everything before
/// it (32 bytes). The checksum catches any corruption or truncation before the contents are
/// trusted; the reader still checks every length and shape against the file size, so no value
/// in the file can make it read out of bounds or allocate more than the file describes.
/// </remarks>
internal static class ModelFile
{
    /// <summary>2 added the optional <c>training_data</c> header object; version 1 files still load.</summary>
    public const int Version = 2;
    public const int PrefixLength = 16;
    public const int ChecksumLength = 32;
    public static ReadOnlySpan<byte> Magic => "INERTIA\0"u8;

    public static void Write(Sequential model, Stream destination, bool includeOptimizer)
    {
        var tensors = model.WeightTensors().ToArray();
        byte[] optimizerState = [];
        if (includeOptimizer && model.IsCompiled)
        {
            using var ms = new MemoryStream();
            model.Optimizer.SaveState(ms);
            optimizerState = ms.ToArray();
        }
        byte[] header = HeaderBytes(model, tensors, includeOptimizer, optimizerState.Length);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> prefix = stackalloc byte[PrefixLength];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[12..], (uint)header.Length);
        Emit(prefix);
        Emit(header);
        foreach (var (_, value) in tensors)
        {
            var bytes = MemoryMarshal.AsBytes((ReadOnlySpan<float>)value.Span);
            if (BitConverter.IsLittleEndian) Emit(bytes);
            else
            {
                var copy = bytes.ToArray();
                for (int i = 0; i < copy.Length; i += 4) copy.AsSpan(i, 4).Reverse();
                Emit(copy);
            }
        }
        Emit(optimizerState);
        destination.Write(hash.GetHashAndReset());

        void Emit(ReadOnlySpan<byte> bytes)
        {
            hash.AppendData(bytes);
            destination.Write(bytes);
        }
    }

    /// <summary>
    /// The mask counter of a random layer: TrainOnBatch advances it on every call, so a model
    /// trained that way draws the masks an uninterrupted run draws only if the counter is saved.
    /// </summary>
    public static long? RandomStep(Layers.Layer layer) => (layer as Layers.DropoutBase)?.Step;

    /// <summary>Restores what <see cref="RandomStep"/> saved.</summary>
    public static void SetRandomStep(Layers.Layer layer, long step)
    {
        if (layer is Layers.DropoutBase d) d.Step = step;
    }

    private static byte[] HeaderBytes(Sequential model, (string Name, Tensor Value)[] tensors, bool includeOptimizer, int optimizerStateLength)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("format", "inertia.sequential");
            w.WriteString("name", model.Name);
            WriteShape(w, "input_shape", model.InputShape!);
            w.WriteNumber("seed", model.Seed);
            w.WriteNumber("completed_epochs", model.CompletedEpochs);
            if (model.TrainedOn is { } data) WriteData(w, data);
            w.WriteStartArray("layers");
            foreach (var layer in model.Layers)
            {
                w.WriteStartObject();
                w.WriteString("class_name", layer.ClassName);
                w.WriteBoolean("trainable", layer.Trainable);
                w.WritePropertyName("config");
                JsonSerializer.SerializeToElement(layer.GetConfig()).WriteTo(w);
                if (RandomStep(layer) is { } step) w.WriteNumber("random_step", step);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("tensors");
            foreach (var (name, value) in tensors)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                WriteShape(w, "shape", value.Shape);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (model.IsCompiled)
            {
                w.WriteStartObject("compile");
                w.WriteStartObject("loss");
                w.WriteString("name", model.Loss.Name);
                w.WritePropertyName("config");
                JsonSerializer.SerializeToElement(model.Loss.GetConfig()).WriteTo(w);
                w.WriteEndObject();
                w.WriteStartArray("metrics");
                foreach (var m in model.Metrics) w.WriteStringValue(m.Name);
                w.WriteEndArray();
                if (includeOptimizer)
                {
                    w.WriteStartObject("optimizer");
                    w.WritePropertyName("config");
                    w.WriteRawValue(model.Optimizer.GetConfig().ToJson());
                    w.WriteNumber("state_length", optimizerStateLength);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static void WriteData(Utf8JsonWriter w, DataDescription data)
    {
        w.WriteStartObject("training_data");
        w.WriteString("description", data.Description);
        if (data.ClassNames is { } names)
        {
            w.WriteStartArray("class_names");
            foreach (string n in names) w.WriteStringValue(n);
            w.WriteEndArray();
        }
        if (data.FeatureMean is { } mean && data.FeatureStandardDeviation is { } std)
        {
            w.WriteStartArray("feature_mean");
            foreach (double v in mean) w.WriteNumberValue(v);
            w.WriteEndArray();
            w.WriteStartArray("feature_std");
            foreach (double v in std) w.WriteNumberValue(v);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>The <c>training_data</c> object, checked against the model's input size and class count; null when absent.</summary>
    public static DataDescription? ReadData(JsonElement root, string source, int features, int classes)
    {
        if (!root.TryGetProperty("training_data", out var data)) return null;
        string description = Header.String(data, "description", source);
        string[]? names = null;
        if (data.TryGetProperty("class_names", out _))
        {
            names = Header.Array(data, "class_names", source)
                .Select(n => n.ValueKind == JsonValueKind.String ? n.GetString()! : throw Header.Error(source, "'training_data.class_names' holds a value that is not a string.")).ToArray();
            if (names.Length != classes)
                throw Header.Error(source, $"'training_data.class_names' lists {names.Length} classes; the model has {classes} outputs.");
        }
        double[]? mean = null, std = null;
        if (data.TryGetProperty("feature_mean", out _))
        {
            mean = Numbers(data, "feature_mean", source);
            std = Numbers(data, "feature_std", source);
            if (mean.Length != std.Length || (mean.Length != features && mean.Length != 1))
                throw Header.Error(source, $"'training_data' holds {mean.Length} means and {std.Length} deviations for {features} features.");
            if (mean.Any(v => !double.IsFinite(v)) || std.Any(v => !(v >= 0 && double.IsFinite(v))))
                throw Header.Error(source, "'training_data' holds a non-finite mean or a negative or non-finite deviation.");
        }
        return new DataDescription(description, names, mean, std);
    }

    private static double[] Numbers(JsonElement obj, string key, string source) =>
        Header.Array(obj, key, source).Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d)
            ? d : throw Header.Error(source, $"'{key}' holds {v.GetRawText()}, not a number.")).ToArray();

    private static void WriteShape(Utf8JsonWriter w, string name, Shape shape)
    {
        w.WriteStartArray(name);
        foreach (var d in shape.Dimensions) w.WriteNumberValue(d);
        w.WriteEndArray();
    }

    /// <summary>
    /// Checks magic, version and checksum; returns the parsed header and where the payload starts.
    /// Every failure is a <see cref="CheckpointFormatException"/>.
    /// </summary>
    public static (JsonDocument Header, int PayloadStart, int PayloadEnd) Open(byte[] file, string source)
    {
        int minimum = PrefixLength + ChecksumLength;
        if (file.Length < minimum)
            throw new CheckpointFormatException(source, file.Length, $"the file ends after {file.Length} bytes; a model file has at least {minimum}.");
        if (!file.AsSpan(0, 8).SequenceEqual(Magic))
            throw new CheckpointFormatException(source, 0, "not an Inertia model file (wrong magic number).");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8));
        if (!SupportedVersion(version))
            throw new CheckpointFormatException(source, 8, $"format version {version} is not supported (this library reads versions 1 to {Version}).");
        int end = file.Length - ChecksumLength;
        Span<byte> actual = stackalloc byte[ChecksumLength];
        SHA256.HashData(file.AsSpan(0, end), actual);
        if (!actual.SequenceEqual(file.AsSpan(end)))
            throw new CheckpointFormatException(source, end, "checksum mismatch: the file is corrupt or truncated.");
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12));
        if (headerLength > (uint)(end - PrefixLength))
            throw new CheckpointFormatException(source, 12, $"the header length {headerLength} runs past the end of the data ({end - PrefixLength} bytes).");
        try
        {
            var doc = JsonDocument.Parse(file.AsMemory(PrefixLength, (int)headerLength), new JsonDocumentOptions { MaxDepth = 16 });
            return (doc, PrefixLength + (int)headerLength, end);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(source, PrefixLength + (e.BytePositionInLine ?? 0), $"the header is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The file's tensor table, checked against the payload size.</summary>
    public static List<(string Name, Shape Shape, int Offset)> Tensors(JsonElement header, string source, int payloadStart, int payloadEnd, int optimizerStateLength)
    {
        var result = new List<(string, Shape, int)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        long offset = payloadStart;
        foreach (var t in Header.Array(header, "tensors", source))
        {
            string name = Header.String(t, "name", source);
            if (!names.Add(name)) throw Header.Error(source, $"tensor '{name}' is listed twice.");
            var shape = Header.Shape(t, "shape", source);
            result.Add((name, shape, (int)Math.Min(offset, int.MaxValue)));
            offset += (long)shape.Size * sizeof(float);
            if (offset > payloadEnd)
                throw new CheckpointFormatException(source, payloadEnd, $"tensor '{name}' {shape} runs past the end of the payload.");
        }
        if (offset + optimizerStateLength != payloadEnd)
            throw new CheckpointFormatException(source, offset,
                $"the header describes {offset + optimizerStateLength - payloadStart} payload bytes, the file holds {payloadEnd - payloadStart}.");
        return result;
    }

    /// <summary>Copies a tensor's values out of the file.</summary>
    public static void ReadTensor(byte[] file, int offset, Tensor destination)
    {
        var bytes = file.AsSpan(offset, destination.Size * sizeof(float));
        var floats = destination.Span;
        if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, float>(bytes).CopyTo(floats);
        else for (int i = 0; i < floats.Length; i++) floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
    }

    /// <summary>
    /// Checks the magic number and version in the first <see cref="PrefixLength"/> bytes of a
    /// seekable stream, then rewinds it: a file that is not a model is refused before the rest is read.
    /// </summary>
    public static void CheckPrefix(Stream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[PrefixLength];
        int n = stream.ReadAtLeast(prefix, PrefixLength, throwOnEndOfStream: false);
        if (n >= 8 && !prefix[..8].SequenceEqual(Magic))
            throw new CheckpointFormatException(source, 0, "not an Inertia model file (wrong magic number).");
        if (n == PrefixLength && !SupportedVersion(BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..])))
            throw new CheckpointFormatException(source, 8, $"format version {BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..])} is not supported (this library reads versions 1 to {Version}).");
        stream.Position -= n;
    }

    private static bool SupportedVersion(uint version) => version is >= 1 and <= Version;

    /// <summary>Reads a whole file, as the reader needs its checksum before trusting any of it.</summary>
    public static byte[] ReadAll(Stream stream)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>Header field accessors that report a malformed header as <see cref="CheckpointFormatException"/>.</summary>
    public static class Header
    {
        public static CheckpointFormatException Error(string source, string problem, Exception? inner = null) =>
            new(source, PrefixLength, "header: " + problem, inner);

        public static JsonElement Get(JsonElement obj, string key, string source, JsonValueKind kind)
        {
            if (obj.ValueKind != JsonValueKind.Object) throw Error(source, $"expected an object holding '{key}', found {obj.ValueKind}.");
            if (!obj.TryGetProperty(key, out var v)) throw Error(source, $"'{key}' is missing.");
            if (v.ValueKind != kind && !(kind == JsonValueKind.True && v.ValueKind == JsonValueKind.False))
                throw Error(source, $"'{key}' should be {kind}, is {v.ValueKind}.");
            return v;
        }

        public static string String(JsonElement obj, string key, string source)
        {
            try
            {
                return Get(obj, key, source, JsonValueKind.String).GetString()!;
            }
            catch (InvalidOperationException e)
            {
                throw Error(source, $"'{key}' is not valid UTF-8 text.", e);
            }
        }

        public static bool Bool(JsonElement obj, string key, string source) => Get(obj, key, source, JsonValueKind.True).GetBoolean();

        public static JsonElement.ArrayEnumerator Array(JsonElement obj, string key, string source) => Get(obj, key, source, JsonValueKind.Array).EnumerateArray();

        public static int Int(JsonElement obj, string key, string source, int min)
        {
            var v = Get(obj, key, source, JsonValueKind.Number);
            if (!v.TryGetInt32(out int i) || i < min) throw Error(source, $"'{key}' should be an integer ≥ {min}, is {v.GetRawText()}.");
            return i;
        }

        public static ulong UInt64(JsonElement obj, string key, string source)
        {
            var v = Get(obj, key, source, JsonValueKind.Number);
            if (!v.TryGetUInt64(out ulong u)) throw Error(source, $"'{key}' should be an unsigned 64-bit integer, is {v.GetRawText()}.");
            return u;
        }

        public static Shape Shape(JsonElement obj, string key, string source)
        {
            var dims = new List<int>();
            foreach (var d in Array(obj, key, source))
            {
                if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int n) || n < 0 || dims.Count >= 8)
                    throw Error(source, $"'{key}' should hold at most 8 non-negative integers, has {d.GetRawText()}.");
                dims.Add(n);
            }
            try
            {
                return new Shape(dims.ToArray());
            }
            catch (ArgumentException e)
            {
                throw Error(source, $"'{key}': {e.Message}", e);
            }
        }
    }
}
