using Inertia.Data;

namespace Inertia.Tests.Data;

/// <summary>
/// Seeded mutations of a valid file for loader fuzzing: truncation, bit flips, boundary bytes,
/// header words set to extreme integers, insertions, deletions, duplicated chunks, and (for text)
/// structural characters of CSV. One to three mutations per variant.
/// </summary>
internal static class FileMutator
{
    private static readonly byte[] BoundaryBytes = [0x00, 0x01, 0x08, 0x7F, 0x80, 0xFE, 0xFF, 0x1F, 0x8B];
    private static readonly int[] BoundaryInts = [0, 1, -1, 2, 3, 10, 28, 255, 256, 60_000, int.MaxValue, int.MinValue, 0x00000803, 0x00000801, 1 << 24];
    private static readonly byte[] CsvCharacters = "0123456789,,,\n\n\r\"\" -+.eE;\tNaInfx\u00ff"u8.ToArray();

    public static byte[] Mutate(byte[] original, SeededRandom r, bool text)
    {
        var bytes = new List<byte>(original);
        int mutations = 1 + r.NextInt(3);
        for (int m = 0; m < mutations; m++)
        {
            int op = r.NextInt(text ? 8 : 7);
            int length = bytes.Count;
            switch (op)
            {
                case 0:
                    Truncate(bytes, r);
                    break;
                case 1 when length > 0:
                    for (int k = 1 + r.NextInt(8); k > 0; k--)
                    {
                        int at = r.NextInt(length);
                        bytes[at] ^= (byte)(1 << r.NextInt(8));
                    }
                    break;
                case 2 when length > 0:
                    for (int k = 1 + r.NextInt(4); k > 0; k--)
                        bytes[Position(r, length)] = BoundaryBytes[r.NextInt(BoundaryBytes.Length)];
                    break;
                case 3 when length >= 4:
                    int word = 4 * r.NextInt(Math.Min(length / 4, 4));
                    int value = BoundaryInts[r.NextInt(BoundaryInts.Length)];
                    if (r.NextInt(4) == 0) value = (int)r.NextUInt32();
                    for (int b = 0; b < 4; b++) bytes[word + b] = (byte)(value >> (24 - 8 * b));
                    break;
                case 4:
                    int insertAt = r.NextInt(length + 1);
                    int count = 1 + r.NextInt(16);
                    var inserted = new byte[count];
                    for (int k = 0; k < count; k++) inserted[k] = (byte)r.NextUInt32();
                    bytes.InsertRange(insertAt, inserted);
                    break;
                case 5 when length > 0:
                    int from = r.NextInt(length);
                    bytes.RemoveRange(from, 1 + r.NextInt(Math.Min(64, length - from)));
                    break;
                case 6 when length > 0:
                    int start = r.NextInt(length);
                    int chunk = 1 + r.NextInt(Math.Min(256, length - start));
                    bytes.InsertRange(r.NextInt(length + 1), bytes.GetRange(start, chunk));
                    break;
                case 7 when length > 0:
                    for (int k = 1 + r.NextInt(6); k > 0; k--)
                        bytes[Position(r, bytes.Count)] = CsvCharacters[r.NextInt(CsvCharacters.Length)];
                    break;
            }
        }
        return [.. bytes];
    }

    // Headers and first lines decide the most, so half the point mutations land in the first 32 bytes.
    private static int Position(SeededRandom r, int length) =>
        r.NextInt(2) == 0 ? r.NextInt(Math.Min(32, length)) : r.NextInt(length);

    private static void Truncate(List<byte> bytes, SeededRandom r)
    {
        int keep = r.NextInt(2) == 0 ? r.NextInt(Math.Min(40, bytes.Count + 1)) : r.NextInt(bytes.Count + 1);
        bytes.RemoveRange(keep, bytes.Count - keep);
    }
}
