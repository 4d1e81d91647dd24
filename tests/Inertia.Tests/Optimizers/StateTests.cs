using Inertia.Optimizers;
using Inertia.Tensors;

namespace Inertia.Tests.Optimizers;

public class StateTests
{
    [Theory]
    [MemberData(nameof(OptimizerZoo.Names), MemberType = typeof(OptimizerZoo))]
    public void Training_resumed_from_saved_state_continues_bit_for_bit(string name)
    {
        var arena = OptimizerZoo.Arena(seed: 1);
        var optimizer = OptimizerZoo.All[name]();
        optimizer.Build(arena);
        OptimizerZoo.Run(optimizer, arena, 7);

        using var stream = new MemoryStream();
        stream.WriteByte(42); // state embedded in a larger stream
        optimizer.SaveState(stream);
        stream.WriteByte(43);
        var savedValues = arena.Values.Span.ToArray();
        OptimizerZoo.Run(optimizer, arena, 9);
        var uninterrupted = OptimizerZoo.Snapshot(optimizer, arena);

        var resumedArena = OptimizerZoo.Arena(seed: 99);
        savedValues.CopyTo(resumedArena.Values.Span);
        var resumed = OptimizerZoo.All[name]();
        resumed.Build(resumedArena);
        stream.Position = 1;
        resumed.LoadState(stream);
        Assert.Equal(43, stream.ReadByte());
        OptimizerZoo.Run(resumed, resumedArena, 9);

        Assert.Equal(uninterrupted, OptimizerZoo.Snapshot(resumed, resumedArena));
    }

    [Fact]
    public void Loading_into_different_parameters_fails_naming_them()
    {
        var optimizer = new Adam();
        optimizer.Build(new ParameterArena([new Parameter("a", new Shape(3)), new Parameter("b", new Shape(2))]));
        using var stream = new MemoryStream();
        optimizer.SaveState(stream);

        var other = new Adam();
        other.Build(new ParameterArena([new Parameter("a", new Shape(4)), new Parameter("c", new Shape(2))]));
        stream.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => other.LoadState(stream));
        Assert.Contains("no saved state for: c", e.Message);
        Assert.Contains("do not exist: b", e.Message);
        Assert.Contains("a saved as (3)", e.Message);
    }

    [Fact]
    public void Loading_state_of_another_slot_layout_or_algorithm_fails()
    {
        var arena = new ParameterArena([new Parameter("w", new Shape(3))]);
        var adam = new Adam();
        adam.Build(arena);
        using var stream = new MemoryStream();
        adam.SaveState(stream);

        var amsgrad = new Adam(amsgrad: true);
        amsgrad.Build(arena);
        stream.Position = 0;
        Assert.Contains("velocity_hat", Assert.Throws<InvalidDataException>(() => amsgrad.LoadState(stream)).Message);

        var sgd = new SGD(momentum: 0.9);
        sgd.Build(arena);
        stream.Position = 0;
        Assert.Contains("Adam", Assert.Throws<InvalidDataException>(() => sgd.LoadState(stream)).Message);
    }

    [Fact]
    public void Loading_garbage_fails_with_the_offset()
    {
        var optimizer = new Adam();
        optimizer.Build(new ParameterArena([new Parameter("w", new Shape(3))]));
        using var stream = new MemoryStream(new byte[64]);
        stream.Position = 5;
        Assert.Contains("offset 5", Assert.Throws<InvalidDataException>(() => optimizer.LoadState(stream)).Message);
    }

    [Fact]
    public void A_truncated_record_changes_nothing()
    {
        var arena = OptimizerZoo.Arena(seed: 3, large: 1600);
        var optimizer = new Adam(0.01);
        optimizer.Build(arena);
        OptimizerZoo.Run(optimizer, arena, 3);
        using var stream = new MemoryStream();
        optimizer.SaveState(stream);
        var before = OptimizerZoo.Snapshot(optimizer, arena);
        OptimizerZoo.Run(optimizer, arena, 1);
        var afterStep = OptimizerZoo.Snapshot(optimizer, arena);

        using var truncated = new MemoryStream(stream.ToArray()[..(int)(stream.Length - 4)]);
        Assert.Throws<EndOfStreamException>(() => optimizer.LoadState(truncated));
        Assert.Equal(afterStep, OptimizerZoo.Snapshot(optimizer, arena));
        Assert.NotEqual(before, afterStep);
    }

    [Fact]
    public void A_learning_rate_set_by_hand_is_restored()
    {
        var arena = new ParameterArena([new Parameter("w", new Shape(3))]);
        var optimizer = new SGD(0.1) { LearningRate = 0.025 };
        optimizer.Build(arena);
        using var stream = new MemoryStream();
        optimizer.SaveState(stream);
        var resumed = new SGD(0.1);
        resumed.Build(arena);
        stream.Position = 0;
        resumed.LoadState(stream);
        Assert.Equal(0.025, resumed.LearningRate);
    }
}
