using Inertia.Tensors;

namespace Inertia.Distributed.Tests;

public sealed class ShardLayoutTests
{
    [Theory]
    [InlineData(266_640, 2)]
    [InlineData(266_640, 3)]
    [InlineData(160, 3)]
    [InlineData(16 * 7, 4)]
    public void Shards_tile_the_arena_in_whole_vectors_and_no_block_is_longer_than_the_ones_before_it(int floats, int ranks)
    {
        var arena = new ParameterArena([new Parameter("w", new Shape(floats))]);
        var layout = new ShardLayout(arena, ranks);

        Assert.Equal(0, layout.Starts[0]);
        Assert.Equal(arena.Length, layout.Starts[ranks]);
        for (int r = 0; r < ranks; r++)
        {
            Assert.Equal(layout.Starts[r + 1] - layout.Starts[r], layout.Counts[r]);
            Assert.Equal(0, layout.Counts[r] % AlignedBuffer.AlignmentFloats);
            Assert.InRange(layout.Counts[r], AlignedBuffer.AlignmentFloats, arena.Length / ranks + AlignedBuffer.AlignmentFloats);
            // MPICH's in-place reduce-scatter moves block r to the front: it must not overlap itself.
            Assert.True(layout.Counts[r] <= layout.Offsets[r] || r == 0, $"block {r} ({layout.Counts[r]} floats at {layout.Offsets[r]}) overlaps the front.");
        }
    }

    [Fact]
    public void An_arena_smaller_than_one_vector_per_rank_is_refused_with_the_sizes()
    {
        var arena = new ParameterArena([new Parameter("w", new Shape(20))]);
        var error = Assert.Throws<ArgumentException>(() => new ShardLayout(arena, 3));
        Assert.Contains("32", error.Message);
        Assert.Contains("3 ranks", error.Message);
    }
}
