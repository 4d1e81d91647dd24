using System.Globalization;
using Inertia.Tensors;

namespace Inertia.Tests.Tensors;

/// <summary>
/// Large buffers ask the kernel for 2 MiB pages. Whether it grants them is the system's setting
/// (/sys/kernel/mm/transparent_hugepage/enabled): with <c>madvise</c> or <c>always</c> the
/// buffer's interior must be on huge pages once touched; with <c>never</c> the advice is refused
/// and the buffer must work exactly as before.
/// </summary>
public class HugePagesTests
{
    [Fact]
    public unsafe void A_large_buffer_is_on_huge_pages_once_touched_where_the_system_grants_them()
    {
        // 128 MiB: larger than any buffer the other tests free, so the collector takes fresh,
        // untouched memory from the system for it (reused memory keeps the pages it already has).
        var buffer = new AlignedBuffer(32 << 20);
        buffer.Span.Fill(1f);
        Assert.Equal(32 << 20, (int)System.Numerics.Tensors.TensorPrimitives.Sum(buffer.Span));

        string setting = ThpSetting();
        long hugeKb = AnonHugePagesAround((long)buffer.Pointer + (16L << 20));
        if (setting is "madvise" or "always")
            Assert.True(hugeKb >= 2048, $"THP is '{setting}', but the buffer's mapping holds {hugeKb} kB of huge pages.");
        else
            Assert.Equal(0, hugeKb);
    }

    [Fact]
    public void A_small_buffer_is_left_on_ordinary_pages_and_works()
    {
        var buffer = new AlignedBuffer(1000);
        buffer.Span.Fill(2f);
        Assert.All(buffer.Span.ToArray(), v => Assert.Equal(2f, v));
    }

    private static string ThpSetting()
    {
        const string path = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux() || !File.Exists(path)) return "never";
        string text = File.ReadAllText(path);
        int open = text.IndexOf('['), close = text.IndexOf(']');
        return text[(open + 1)..close];
    }

    // AnonHugePages of the mapping in /proc/self/smaps that contains the address.
    private static long AnonHugePagesAround(long address)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        bool inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-');
            int space = line.IndexOf(' ');
            if (dash > 0 && space > dash && IsHex(line.AsSpan(0, dash)))
            {
                long start = long.Parse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                long end = long.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                inside = start <= address && address < end;
            }
            else if (inside && line.StartsWith("AnonHugePages:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"No mapping in /proc/self/smaps holds address 0x{address:x}.");
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (!char.IsAsciiHexDigit(c)) return false;
        return text.Length > 0;
    }
}
