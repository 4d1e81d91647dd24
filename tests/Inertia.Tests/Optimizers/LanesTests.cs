using System.Numerics;
using Inertia.Optimizers;

namespace Inertia.Tests.Optimizers;

public class LanesTests
{
    private static readonly float[] Directions = [3f, -2f, 0f, -0f, float.NaN, float.Epsilon, -float.Epsilon, float.PositiveInfinity, float.NegativeInfinity];

    [Fact]
    public void Signed_gives_the_magnitude_with_the_sign_of_a_and_zero_for_zero_or_nan()
    {
        float[] expected = [0.5f, -0.5f, 0f, 0f, 0f, 0.5f, -0.5f, 0.5f, -0.5f];
        for (int i = 0; i < Directions.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(ScalarLanes.Signed(Directions[i], 0.5f)));
    }

    [Fact]
    public void Signed_is_bitwise_the_same_on_vectors_and_on_single_floats()
    {
        var a = new float[Vector<float>.Count * 2];
        for (int i = 0; i < a.Length; i++) a[i] = Directions[i % Directions.Length];
        for (int v = 0; v < 2; v++)
        {
            var signed = VectorLanes.Signed(new Vector<float>(a, v * Vector<float>.Count), new Vector<float>(1e-3f));
            for (int k = 0; k < Vector<float>.Count; k++)
                Assert.Equal(BitConverter.SingleToInt32Bits(ScalarLanes.Signed(a[v * Vector<float>.Count + k], 1e-3f)), BitConverter.SingleToInt32Bits(signed[k]));
        }
    }

    [Fact]
    public void Signed_equals_sign_times_a_positive_magnitude_as_lion_states_it()
    {
        foreach (float magnitude in new[] { 1e-4f, 3f, float.MaxValue })
            foreach (float a in Directions)
                Assert.Equal(BitConverter.SingleToInt32Bits(float.IsNaN(a) ? 0f : MathF.Sign(a) * magnitude),
                    BitConverter.SingleToInt32Bits(ScalarLanes.Signed(a, magnitude)));
    }
}
