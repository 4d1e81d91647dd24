using System.Security.Cryptography;
using Inertia.Data;
using Inertia.Layers;
using Inertia.Tensors;
using Inertia.Training;
using Inertia.Training.Serialization;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Training;

public class ModelFileTests
{
    [Fact]
    public void A_loaded_model_predicts_bit_for_bit_like_the_saved_one()
    {
        using var dir = new TempDirectory();
        var (x, y) = Regression(100, seed: 30);
        var model = RichMlp();
        model.Fit(x, y, epochs: 2, verbose: 0);
        string path = Path.Combine(dir.Path, "model.inertia");
        model.Save(path);
        var loaded = Sequential.Load(path);
        Assert.Equal(model.Layers.Select(l => (l.GetType(), l.Name, l.Trainable)), loaded.Layers.Select(l => (l.GetType(), l.Name, l.Trainable)));
        Assert.Equal(model.InputShape, loaded.InputShape);
        AssertBitwiseEqual(Weights(model), Weights(loaded));
        Assert.Equal(model.WeightNames, loaded.WeightNames);
        Assert.Contains("batch_normalization/moving_mean", loaded.WeightNames);
        for (int i = 0; i < model.WeightNames.Count; i++)
            AssertBitwiseEqual(model.GetWeights()[i].ToArray(), loaded.GetWeights()[i].ToArray());
        AssertBitwiseEqual(model.Predict(x).ToArray(), loaded.Predict(x).ToArray());
        Assert.Equal(model.Optimizer.Iterations, loaded.Optimizer.Iterations);
        Assert.Equal(model.Optimizer.LearningRate, loaded.Optimizer.LearningRate);
        Assert.Equal(2, loaded.CompletedEpochs);
    }

    [Fact]
    public void Resuming_fit_from_a_checkpoint_continues_bit_for_bit()
    {
        using var dir = new TempDirectory();
        var (x, y) = Regression(200, seed: 31);
        var straight = RichMlp();
        straight.Fit(x, y, epochs: 4, batchSize: 16, verbose: 0, seed: 5);

        var first = RichMlp();
        string path = Path.Combine(dir.Path, "ckpt.inertia");
        first.Fit(x, y, epochs: 2, batchSize: 16, verbose: 0, seed: 5, callbacks: [new Inertia.Training.Callbacks.ModelCheckpoint(path, monitor: "loss")]);
        var resumed = Sequential.Load(path);
        resumed.Fit(x, y, epochs: 4, batchSize: 16, verbose: 0, seed: 5, initialEpoch: resumed.CompletedEpochs);

        for (int i = 0; i < straight.WeightNames.Count; i++)
            AssertBitwiseEqual(straight.GetWeights()[i].ToArray(), resumed.GetWeights()[i].ToArray());
        Assert.Equal(straight.Optimizer.Iterations, resumed.Optimizer.Iterations);
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        straight.Optimizer.SaveState(a);
        resumed.Optimizer.SaveState(b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void Load_weights_names_the_tensor_whose_shape_does_not_fit_and_changes_nothing()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "m.inertia");
        Mlp(hidden: 16).Save(path);
        var other = Mlp(seed: 1, hidden: 12);
        var before = Weights(other);
        var e = Assert.Throws<ArgumentException>(() => other.LoadWeights(path));
        Assert.Contains("dense/kernel", e.Message);
        Assert.Contains("(4, 16)", e.Message);
        Assert.Contains("(4, 12)", e.Message);
        AssertBitwiseEqual(before, Weights(other));
        var same = Mlp(seed: 2);
        same.LoadWeights(path);
        AssertBitwiseEqual(Weights(Mlp(hidden: 16)), Weights(same));
    }

    [Fact]
    public void A_truncated_file_is_reported_with_the_file_name_and_offset()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "m.inertia");
        CompiledMlp().Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<CheckpointFormatException>(() => Sequential.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        Assert.Contains("checksum", e.Message);
        Assert.Equal(bytes.Length / 2 - ModelFile.ChecksumLength, e.ByteOffset);
        File.WriteAllBytes(path, bytes[..10]);
        Assert.Equal(10, Assert.Throws<CheckpointFormatException>(() => Sequential.Load(path)).ByteOffset);
    }

    [Fact]
    public void Saving_replaces_the_file_atomically_and_leaves_no_temporary_files()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "m.inertia");
        var model = CompiledMlp();
        model.Save(path);
        var (x, y) = Regression(32, seed: 32);
        model.Fit(x, y, verbose: 0);
        model.Save(path);
        Assert.Equal([path], Directory.GetFiles(dir.Path));
        AssertBitwiseEqual(Weights(model), Weights(Sequential.Load(path)));
    }

    /// <summary>
    /// Mutated and truncated model files either load or throw <see cref="CheckpointFormatException"/>.
    /// Half of the variants get a recomputed checksum, so the mutations reach the header and payload
    /// parser instead of stopping at the checksum. INERTIA_FUZZ_ITERATIONS raises the count.
    /// </summary>
    [Fact]
    [Trait("Category", "fuzz")]
    public void Fuzzed_model_files_load_or_throw_the_documented_exception()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("INERTIA_FUZZ_ITERATIONS"), out int n) ? n : 500;
        var (x, y) = Regression(32, seed: 33);
        var model = RichMlp();
        model.Fit(x, y, verbose: 0);
        using var ms = new MemoryStream();
        model.Save(ms);
        byte[] valid = ms.ToArray();
        var random = new SeededRandom(2024);
        int loaded = 0, rejected = 0;
        var undocumented = new Dictionary<(string, string), string>();
        for (int i = 0; i < iterations; i++)
        {
            byte[] variant = Mutate(valid, random);
            if (i % 2 == 1 && variant.Length >= ModelFile.ChecksumLength)
                SHA256.HashData(variant.AsSpan(0, variant.Length - ModelFile.ChecksumLength), variant.AsSpan(variant.Length - ModelFile.ChecksumLength));
            try
            {
                Sequential.Load(new MemoryStream(variant), $"variant-{i}");
                loaded++;
            }
            catch (CheckpointFormatException e)
            {
                Assert.StartsWith($"variant-{i}: at byte offset ", e.Message);
                rejected++;
            }
            catch (Exception e)
            {
                string site = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
                undocumented.TryAdd((e.GetType().Name, site), $"variant {i}: {e.Message}");
            }
        }
        Assert.True(undocumented.Count == 0, "Undocumented exceptions:\n" +
            string.Join("\n", undocumented.Select(kv => $"{kv.Key.Item1} {kv.Key.Item2} (first: {kv.Value})")));
        Assert.Equal(iterations, loaded + rejected);
        Assert.True(rejected > iterations / 2, $"only {rejected} of {iterations} variants were rejected");
    }

    private static byte[] Mutate(byte[] valid, SeededRandom random)
    {
        var bytes = (byte[])valid.Clone();
        int headerEnd = ModelFile.PrefixLength + BitConverter.ToInt32(valid, 12);
        switch (random.NextInt(5))
        {
            case 0:
                return bytes[..random.NextInt(bytes.Length)];
            case 1:
                for (int k = 1 + random.NextInt(4); k > 0; k--) bytes[random.NextInt(bytes.Length)] ^= (byte)(1 << random.NextInt(8));
                return bytes;
            case 2:
                // Header bytes: digits, brackets and quotes are where a parser breaks.
                for (int k = 1 + random.NextInt(3); k > 0; k--) bytes[random.NextInt(headerEnd)] = (byte)"0123456789-[]{}\",:9e"[random.NextInt(20)];
                return bytes;
            case 3:
                int at = random.NextInt(bytes.Length);
                return [.. bytes[..at], .. new byte[1 + random.NextInt(16)], .. bytes[at..]];
            default:
                bytes[8 + random.NextInt(8)] = (byte)random.NextInt(256);
                return bytes;
        }
    }
}
