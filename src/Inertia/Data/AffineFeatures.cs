using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>The per-feature map x·scale + shift that both scalers reduce to once fitted.</summary>
internal static class AffineFeatures
{
    public static Tensor Apply(Dataset data, float[]? scale, float[]? shift, string scaler)
    {
        if (scale is null || shift is null)
            throw new InvalidOperationException($"The {scaler} must be fitted before it transforms data.");
        int width = scale.Length;
        if (width != 1 && width != data.FeatureSize)
            throw new ArgumentException($"The {scaler} was fitted on {width} features; this data set has features {data.SampleShape} ({data.FeatureSize}).", nameof(data));
        var result = new Tensor(data.Features.Shape);
        ReadOnlySpan<float> x = data.Features.Span;
        Span<float> y = result.Span;
        if (width == 1)
        {
            TensorPrimitives.Multiply(x, scale[0], y);
            TensorPrimitives.Add(y, shift[0], y);
            return result;
        }
        for (int row = 0; row < x.Length; row += width)
            TensorPrimitives.MultiplyAdd(x.Slice(row, width), scale, shift, y.Slice(row, width));
        return result;
    }
}
