using Inertia.Cli.Race;
using SkiaSharp;

namespace Inertia.Cli.Report;

/// <summary>Encodes a sample image as a grayscale PNG (dark ink on white, as the digits are printed).</summary>
internal static class SamplePng
{
    public static byte[] Encode(SampleImage image)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0; i < image.Pixels.Length; i++)
            pixels[i] = (byte)(255 - Math.Clamp(image.Pixels[i], 0f, 1f) * 255f);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
