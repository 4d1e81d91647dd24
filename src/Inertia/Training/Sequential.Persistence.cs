using System.Text.Json;
using Inertia.Layers;
using Inertia.Optimizers;
using Inertia.Tensors;
using Inertia.Training.Serialization;

namespace Inertia.Training;

public sealed partial class Sequential
{
    /// <summary>
    /// Saves architecture, weights, layer state, compile settings, optimizer state and training
    /// position (<see cref="CompletedEpochs"/>, <see cref="Seed"/>) to one file, atomically: the
    /// data goes to a temporary file in the same directory, is flushed to disk and renamed over
    /// <paramref name="path"/>, so a crash leaves the previous file intact.
    /// </summary>
    /// <param name="path">Target file.</param>
    /// <param name="includeOptimizer">Whether to include the optimizer (needed to resume training).</param>
    /// <remarks>With a training backend attached, its weights, layer state and optimizer state are copied back first.</remarks>
    public void Save(string path, bool includeOptimizer = true)
    {
        if (!IsBuilt) throw NotBuilt();
        SynchronizeBackend();
        AtomicFile.Write(path, stream => ModelFile.Write(this, stream, includeOptimizer));
    }

    /// <summary>Writes the model file format to a stream (not atomic; see <see cref="Save(string, bool)"/>).</summary>
    public void Save(Stream stream, bool includeOptimizer = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!IsBuilt) throw NotBuilt();
        SynchronizeBackend();
        ModelFile.Write(this, stream, includeOptimizer);
    }

    /// <summary>
    /// Loads a model saved by <see cref="Save(string, bool)"/>: it predicts bit for bit as the
    /// saved one, and, when saved compiled with its optimizer, <c>Fit(…, initialEpoch:
    /// model.CompletedEpochs)</c> continues bit for bit as if training had never stopped.
    /// </summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid model file (corrupt, truncated,
    /// inconsistent); the message names the file and byte offset.</exception>
    public static Sequential Load(string path) => Load(path, DefaultMaxFileBytes);

    /// <summary>The largest model file <see cref="Load(string)"/> reads: the most one array holds.</summary>
    public const long DefaultMaxFileBytes = 0x7FFFFFC7;

    /// <summary>
    /// Loads a model file of at most <paramref name="maxBytes"/> bytes. Only a regular file is
    /// opened (a FIFO or a device is refused); its first 16 bytes are checked before the rest is
    /// read, and reading stops between 1 MiB chunks when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid model file.</exception>
    /// <exception cref="IOException">The path is not a regular file, or the file is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while reading.</exception>
    public static Sequential Load(string path, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = IO.InputFile.OpenRead(path, "model file", Math.Min(maxBytes, DefaultMaxFileBytes), "the model file cap");
        ModelFile.CheckPrefix(file, path);
        return Load(IO.InputFile.ReadAll(file, cancellationToken), path);
    }

    /// <summary>Loads a model from a stream holding a model file; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="CheckpointFormatException">The content is not a valid model file.</exception>
    public static Sequential Load(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        return Load(ModelFile.ReadAll(stream), sourceName);
    }

    /// <summary>
    /// Overwrites this built model's weights and layer state from a model file, matching by name.
    /// Nothing is changed unless every tensor is found with the right shape.
    /// </summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid model file.</exception>
    /// <exception cref="ArgumentException">A tensor is missing from the file or the model, or its shape differs; the message names it.</exception>
    /// <exception cref="InvalidOperationException">A training backend is attached.</exception>
    public void LoadWeights(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!IsBuilt) throw NotBuilt();
        EnsureNoBackend("loading weights");
        byte[] file;
        using (var stream = IO.InputFile.OpenRead(path, "model file", DefaultMaxFileBytes, "the model file cap"))
        {
            ModelFile.CheckPrefix(stream, path);
            file = IO.InputFile.ReadAll(stream, CancellationToken.None);
        }
        var (doc, start, end) = ModelFile.Open(file, path);
        using (doc)
        {
            var stored = ModelFile.Tensors(doc.RootElement, path, start, end, OptimizerStateLength(doc.RootElement, path))
                .ToDictionary(t => t.Name, StringComparer.Ordinal);
            var targets = WeightTensors().ToArray();
            foreach (var (name, value) in targets)
            {
                if (!stored.TryGetValue(name, out var s))
                    throw new ArgumentException($"{path} holds no tensor '{name}' for model '{Name}'. It holds: {string.Join(", ", stored.Keys)}.", nameof(path));
                if (!s.Shape.Equals(value.Shape))
                    throw new ArgumentException($"{path}: tensor '{name}' has shape {s.Shape}; model '{Name}' needs {value.Shape}.", nameof(path));
            }
            var extra = stored.Keys.Except(targets.Select(t => t.Name)).ToArray();
            if (extra.Length > 0)
                throw new ArgumentException($"{path} holds tensors model '{Name}' does not have: {string.Join(", ", extra)}.", nameof(path));
            foreach (var (name, value) in targets) ModelFile.ReadTensor(file, stored[name].Offset, value);
        }
    }

    private static Sequential Load(byte[] file, string source)
    {
        var (doc, start, end) = ModelFile.Open(file, source);
        using (doc)
        {
            var root = doc.RootElement;
            if (ModelFile.Header.String(root, "format", source) != "inertia.sequential")
                throw ModelFile.Header.Error(source, "'format' is not 'inertia.sequential'.");
            int stateLength = OptimizerStateLength(root, source);
            var tensors = ModelFile.Tensors(root, source, start, end, stateLength);
            long bound = Math.Max(1L << 24, file.Length / sizeof(float));
            var model = new Sequential(ModelFile.Header.Shape(root, "input_shape", source), ModelFile.Header.String(root, "name", source));
            ulong seed = ModelFile.Header.UInt64(root, "seed", source);
            int layerIndex = 0;
            var randomSteps = new List<(Layer Layer, long Step)>();
            try
            {
                var shape = model.InputShape!;
                foreach (var spec in ModelFile.Header.Array(root, "layers", source))
                {
                    var config = ModelFile.Header.Get(spec, "config", source, JsonValueKind.Object)
                        .EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal);
                    var layer = LayerFactory.FromConfig(ModelFile.Header.String(spec, "class_name", source), config);
                    bool trainable = ModelFile.Header.Bool(spec, "trainable", source);
                    // Shapes come from the file: refuse ones whose state alone would dwarf the file before any layer allocates it.
                    if (shape.Size > bound)
                        throw new ArgumentException($"layer {layerIndex} would take input {shape}, larger than anything this file can hold.");
                    model.Add(layer);
                    shape = layer.Build(shape);
                    layer.Trainable = trainable;
                    if (spec.TryGetProperty("random_step", out _))
                    {
                        ulong step = ModelFile.Header.UInt64(spec, "random_step", source);
                        if (step > long.MaxValue || ModelFile.RandomStep(layer) is null)
                            throw ModelFile.Header.Error(source, $"layer {layerIndex}: 'random_step' {step} does not fit a {layer.ClassName} layer.");
                        randomSteps.Add((layer, (long)step));
                    }
                    layerIndex++;
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw ModelFile.Header.Error(source, $"layer {layerIndex}: {e.Message}", e);
            }
            var declared = model._layers.SelectMany(l => l.Parameters.Select(p => (p.Name, p.Shape))
                .Concat(l.States.Select(s => (s.Name, s.Value.Shape)))).ToList();
            CheckTensorTable(declared, tensors, source);
            try
            {
                model.Build(seed);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw ModelFile.Header.Error(source, e.Message, e);
            }
            // Building initializes the random layers, which restarts their mask counters.
            foreach (var (layer, step) in randomSteps) ModelFile.SetRandomStep(layer, step);
            var offsets = tensors.ToDictionary(t => t.Name, t => t.Offset, StringComparer.Ordinal);
            foreach (var (name, value) in model.WeightTensors())
            {
                ModelFile.ReadTensor(file, offsets[name], value);
                int bad = NonFiniteSearch.IndexOfFirst(value.Span);
                if (bad >= 0)
                    throw new CheckpointFormatException(source, offsets[name] + 4L * bad,
                        $"tensor '{name}' holds {value.Span[bad]} at index {bad}; a model's weights and state are finite.");
            }
            model.CompletedEpochs = ModelFile.Header.Int(root, "completed_epochs", source, 0);
            model.TrainedOn = ModelFile.ReadData(root, source, model.InputShape!.Size, model.OutputShape.Size);
            if (root.TryGetProperty("compile", out var compile))
                model.CompileFrom(compile, file, end - stateLength, stateLength, source);
            return model;
        }
    }

    private static void CheckTensorTable(List<(string Name, Shape Shape)> declared, List<(string Name, Shape Shape, int Offset)> stored, string source)
    {
        var byName = stored.ToDictionary(t => t.Name, t => t.Shape, StringComparer.Ordinal);
        foreach (var (name, shape) in declared)
        {
            if (!byName.TryGetValue(name, out var s))
                throw ModelFile.Header.Error(source, $"the architecture declares tensor '{name}' {shape}, which the file does not hold.");
            if (!s.Equals(shape))
                throw ModelFile.Header.Error(source, $"tensor '{name}' is stored with shape {s}; the architecture gives it {shape}.");
        }
        if (declared.Count != stored.Count)
        {
            var extra = stored.Select(t => t.Name).Except(declared.Select(d => d.Name));
            throw ModelFile.Header.Error(source, $"the file holds tensors the architecture does not declare: {string.Join(", ", extra)}.");
        }
    }

    private static int OptimizerStateLength(JsonElement root, string source) =>
        root.TryGetProperty("compile", out var compile) && compile.ValueKind == JsonValueKind.Object && compile.TryGetProperty("optimizer", out var optimizer)
            ? ModelFile.Header.Int(optimizer, "state_length", source, 0)
            : 0;

    private void CompileFrom(JsonElement compile, byte[] file, int stateOffset, int stateLength, string source)
    {
        if (compile.ValueKind != JsonValueKind.Object) throw ModelFile.Header.Error(source, "'compile' should be an object.");
        if (!compile.TryGetProperty("optimizer", out var spec)) return;
        Optimizer optimizer;
        Losses.Loss loss;
        Metrics.Metric[] metrics;
        try
        {
            var lossSpec = ModelFile.Header.Get(compile, "loss", source, JsonValueKind.Object);
            var lossConfig = ModelFile.Header.Get(lossSpec, "config", source, JsonValueKind.Object)
                .EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal);
            loss = Inertia.Losses.Loss.FromConfig(ModelFile.Header.String(lossSpec, "name", source), lossConfig);
            metrics = ModelFile.Header.Array(compile, "metrics", source)
                .Select(m => m.ValueKind == JsonValueKind.String ? Inertia.Metrics.Metric.Get(m.GetString()!) : throw ModelFile.Header.Error(source, "a metric name is not a string."))
                .ToArray();
            var config = OptimizerConfig.FromJson(ModelFile.Header.Get(spec, "config", source, JsonValueKind.Object).GetRawText());
            optimizer = OptimizerFactory.FromConfig(config);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw ModelFile.Header.Error(source, e.Message, e);
        }
        Compile(optimizer, loss, metrics);
        using var state = new MemoryStream(file, stateOffset, stateLength, writable: false);
        try
        {
            optimizer.LoadState(state);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or ArgumentException or JsonException
                                      or InvalidOperationException or KeyNotFoundException)
        {
            throw new CheckpointFormatException(source, stateOffset + state.Position, $"the optimizer state does not load: {e.Message}", e);
        }
        if (state.Position != stateLength)
            throw new CheckpointFormatException(source, stateOffset + state.Position,
                $"the optimizer read {state.Position} of its {stateLength} state bytes.");
    }
}
