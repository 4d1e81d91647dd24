using Inertia.Tensors;

namespace Inertia.Data;

/// <summary>
/// A procedural 10-class image set of 28×28 grayscale pictures in [0, 1], MNIST's layout, that
/// needs no download: the default data of <c>inertia compare</c>. Each image is one shape drawn
/// anti-aliased with a random position, scale, rotation, stroke thickness and ink intensity,
/// then approximately Gaussian pixel noise and, in about a third of images, a stray stroke. The variations
/// overlap (a small thick ring looks like a disc, a tilted bar like a diagonal), so a plain MLP
/// learns the set well but not perfectly in one epoch.
/// </summary>
/// <remarks>
/// Sample i is drawn from its own stream <see cref="SeededRandom.DeriveSeed"/>(seed, i), so the set
/// is the same for a seed whatever the thread count. Classes come in blocks of ten, each block a
/// random permutation of the ten classes, so every aligned run of ten samples — and therefore
/// both parts of <see cref="Dataset.Split"/> at the default sizes — is exactly balanced.
/// </remarks>
public static class SyntheticShapes
{
    /// <summary>Image height and width in pixels.</summary>
    public const int Size = 28;

    /// <summary>Training samples of the CLI's default set.</summary>
    public const int DefaultTrainCount = 12_000;

    /// <summary>Validation samples of the CLI's default set (taken from the end).</summary>
    public const int DefaultValidationCount = 3_000;

    /// <summary>The class names, by class index.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["disc", "square", "triangle", "plus", "ring", "horizontal bar", "vertical bar", "diagonal", "x", "dot grid"];

    /// <summary>Generates <paramref name="count"/> images (N, 28, 28) with class labels.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static Dataset Generate(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var images = new Tensor(count, Size, Size);
        var labels = new Tensor(count);
        var work = new Painter(images, labels, seed);
        Parallelism.For((count + Painter.SamplesPerItem - 1) / Painter.SamplesPerItem, work);
        return Dataset.Classification(images, labels, ClassNames.Count, ClassNames);
    }

    /// <summary>
    /// The CLI's default: <see cref="DefaultTrainCount"/> + <see cref="DefaultValidationCount"/>
    /// images, split with the validation part taken from the end.
    /// </summary>
    public static (Dataset Train, Dataset Validation) GenerateDefault(ulong seed)
    {
        int total = DefaultTrainCount + DefaultValidationCount;
        return Generate(total, seed).Split((double)DefaultValidationCount / total);
    }

    private sealed class Painter(Tensor images, Tensor labels, ulong seed) : IParallelWork
    {
        public const int SamplesPerItem = 250;
        private const int MaxPrimitives = 10; // the dot grid's nine discs and a stray stroke

        public void Execute(int item)
        {
            var random = new SeededRandom(0);
            Span<Primitive> shapes = stackalloc Primitive[MaxPrimitives];
            Span<int> classes = stackalloc int[10];
            int count = labels.Size;
            int end = Math.Min(count, (item + 1) * SamplesPerItem);
            for (int i = item * SamplesPerItem; i < end; i++)
            {
                int block = i / 10;
                random.Reseed(SeededRandom.DeriveSeed(seed, ~(ulong)block));
                for (int c = 0; c < 10; c++) classes[c] = c;
                random.Shuffle(classes);
                int label = classes[i % 10];
                labels[i] = label;
                random.Reseed(SeededRandom.DeriveSeed(seed, (ulong)i));
                int n = Design(label, random, shapes);
                Paint(shapes[..n], random, images.Span.Slice(i * Size * Size, Size * Size));
            }
        }

        private static int Design(int label, SeededRandom r, Span<Primitive> p)
        {
            float scale = r.NextFloat(5f, 11f);
            float reach = Math.Max(0f, 12.5f - scale);
            float cx = Size / 2f + r.NextFloat(-reach, reach);
            float cy = Size / 2f + r.NextFloat(-reach, reach);
            float half = r.NextFloat(0.6f, 1.6f);
            float ink = r.NextFloat(0.55f, 1f);
            float tilt = r.NextFloat(-15f, 15f) * MathF.PI / 180f;
            float spin = r.NextFloat(0f, 2f * MathF.PI);
            var t = new Frame(cx, cy, scale, label is 1 or 2 ? spin : tilt);
            int n = 0;
            switch (label)
            {
                case 0:
                    p[n++] = Primitive.Disc(t.X(0, 0), t.Y(0, 0), 0.75f * scale, ink);
                    break;
                case 1:
                    n = Polygon(p, t, [(-0.75f, -0.75f), (0.75f, -0.75f), (0.75f, 0.75f), (-0.75f, 0.75f)], half, ink);
                    break;
                case 2:
                    n = Polygon(p, t, [(0f, -0.9f), (0.78f, 0.45f), (-0.78f, 0.45f)], half, ink);
                    break;
                case 3:
                    p[n++] = t.Segment(-0.9f, 0f, 0.9f, 0f, half, ink);
                    p[n++] = t.Segment(0f, -0.9f, 0f, 0.9f, half, ink);
                    break;
                case 4:
                    p[n++] = Primitive.Ring(t.X(0, 0), t.Y(0, 0), 0.8f * scale, half, ink);
                    break;
                case 5:
                    p[n++] = t.Segment(-0.9f, 0f, 0.9f, 0f, 1.8f * half, ink);
                    break;
                case 6:
                    p[n++] = t.Segment(0f, -0.9f, 0f, 0.9f, 1.8f * half, ink);
                    break;
                case 7:
                    p[n++] = t.Segment(-0.8f, 0.8f, 0.8f, -0.8f, half, ink);
                    break;
                case 8:
                    p[n++] = t.Segment(-0.8f, 0.8f, 0.8f, -0.8f, half, ink);
                    p[n++] = t.Segment(-0.8f, -0.8f, 0.8f, 0.8f, half, ink);
                    break;
                default:
                    float dot = Math.Max(0.9f, 0.6f * half + 0.4f);
                    for (int gy = -1; gy <= 1; gy++)
                        for (int gx = -1; gx <= 1; gx++)
                            p[n++] = Primitive.Disc(t.X(0.7f * gx, 0.7f * gy), t.Y(0.7f * gx, 0.7f * gy), dot, ink);
                    break;
            }
            if (r.NextFloat() < 0.35f)
            {
                float x = r.NextFloat(2f, Size - 2f), y = r.NextFloat(2f, Size - 2f);
                float angle = r.NextFloat(0f, MathF.PI), length = r.NextFloat(3f, 8f);
                p[n++] = Primitive.Segment(x, y, x + length * MathF.Cos(angle), y + length * MathF.Sin(angle),
                    r.NextFloat(0.5f, 1.2f), r.NextFloat(0.3f, 0.8f));
            }
            return n;
        }

        private static int Polygon(Span<Primitive> p, Frame t, ReadOnlySpan<(float X, float Y)> corners, float half, float ink)
        {
            for (int k = 0; k < corners.Length; k++)
            {
                var (ax, ay) = corners[k];
                var (bx, by) = corners[(k + 1) % corners.Length];
                p[k] = t.Segment(ax, ay, bx, by, half, ink);
            }
            return corners.Length;
        }

        private static void Paint(ReadOnlySpan<Primitive> shapes, SeededRandom r, Span<float> pixels)
        {
            float noise = r.NextFloat(0.03f, 0.18f);
            pixels.Clear();
            foreach (ref readonly Primitive s in shapes)
            {
                // Coverage is zero beyond half a pixel outside the stroke, so only the bounding box needs visiting.
                int x0 = Math.Max(0, (int)MathF.Floor(s.Left)), x1 = Math.Min(Size - 1, (int)MathF.Ceiling(s.Right));
                int y0 = Math.Max(0, (int)MathF.Floor(s.Top)), y1 = Math.Min(Size - 1, (int)MathF.Ceiling(s.Bottom));
                for (int y = y0; y <= y1; y++)
                    for (int x = x0; x <= x1; x++)
                    {
                        ref float pixel = ref pixels[y * Size + x];
                        pixel = Math.Max(pixel, s.Coverage(x + 0.5f, y + 0.5f));
                    }
            }
            for (int i = 0; i < pixels.Length; i++)
                pixels[i] = Math.Clamp(pixels[i] + noise * ApproximateGaussian(r), 0f, 1f);
        }

        // Irwin–Hall: four 16-bit uniforms from one draw, centred and scaled to unit variance.
        // Integer arithmetic keeps it portable and it costs a fraction of a Box–Muller sample.
        private static float ApproximateGaussian(SeededRandom r)
        {
            ulong bits = r.NextUInt64();
            uint sum = (uint)(bits & 0xFFFF) + (uint)((bits >> 16) & 0xFFFF) + (uint)((bits >> 32) & 0xFFFF) + (uint)(bits >> 48);
            return (sum * (1f / 65536f) - 2f) * 1.7320508f;
        }
    }

    /// <summary>Maps shape coordinates in [-1, 1] to pixels: rotate, scale, move.</summary>
    private readonly struct Frame(float cx, float cy, float scale, float angle)
    {
        private readonly float _cos = MathF.Cos(angle) * scale, _sin = MathF.Sin(angle) * scale;

        public float X(float u, float v) => cx + _cos * u - _sin * v;

        public float Y(float u, float v) => cy + _sin * u + _cos * v;

        public Primitive Segment(float u0, float v0, float u1, float v1, float half, float ink) =>
            Primitive.Segment(X(u0, v0), Y(u0, v0), X(u1, v1), Y(u1, v1), half, ink);
    }

    /// <summary>A stroke (segment or ring outline) or a filled disc, with anti-aliased coverage.</summary>
    private readonly struct Primitive
    {
        private readonly int _kind;
        private readonly float _ax, _ay, _dx, _dy, _inverseLengthSquared, _radius, _half, _ink;

        private Primitive(int kind, float ax, float ay, float bx, float by, float radius, float half, float ink)
        {
            _kind = kind; _ax = ax; _ay = ay; _dx = bx - ax; _dy = by - ay; _radius = radius; _half = half; _ink = ink;
            float lengthSquared = _dx * _dx + _dy * _dy;
            _inverseLengthSquared = lengthSquared > 0 ? 1f / lengthSquared : 0f;
            float reach = radius + half + 1f;
            Left = Math.Min(ax, bx) - reach;
            Right = Math.Max(ax, bx) + reach;
            Top = Math.Min(ay, by) - reach;
            Bottom = Math.Max(ay, by) + reach;
        }

        public float Left { get; }
        public float Right { get; }
        public float Top { get; }
        public float Bottom { get; }

        public static Primitive Segment(float ax, float ay, float bx, float by, float half, float ink) => new(0, ax, ay, bx, by, 0, half, ink);

        public static Primitive Ring(float cx, float cy, float radius, float half, float ink) => new(1, cx, cy, cx, cy, radius, half, ink);

        public static Primitive Disc(float cx, float cy, float radius, float ink) => new(2, cx, cy, cx, cy, radius, 0, ink);

        public float Coverage(float x, float y)
        {
            float distance;
            if (_kind == 0)
            {
                float h = Math.Clamp(((x - _ax) * _dx + (y - _ay) * _dy) * _inverseLengthSquared, 0f, 1f);
                float ex = x - _ax - h * _dx, ey = y - _ay - h * _dy;
                distance = MathF.Sqrt(ex * ex + ey * ey) - _half;
            }
            else
            {
                float r = MathF.Sqrt((x - _ax) * (x - _ax) + (y - _ay) * (y - _ay));
                distance = _kind == 1 ? MathF.Abs(r - _radius) - _half : r - _radius;
            }
            return _ink * Math.Clamp(0.5f - distance, 0f, 1f);
        }
    }
}
