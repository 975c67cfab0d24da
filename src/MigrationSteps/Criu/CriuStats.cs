using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Criu;

/// <summary>
/// CRIU's own figures from its stats-dump / stats-restore images (times in microseconds as CRIU
/// records them, reported here in milliseconds).
/// </summary>
public sealed record CriuStats(
    [property: JsonPropertyName("freezingMs")] double? FreezingMs = null,
    [property: JsonPropertyName("frozenMs")] double? FrozenMs = null,
    [property: JsonPropertyName("memdumpMs")] double? MemdumpMs = null,
    [property: JsonPropertyName("memwriteMs")] double? MemwriteMs = null,
    [property: JsonPropertyName("pagesScanned")] ulong? PagesScanned = null,
    [property: JsonPropertyName("pagesSkippedParent")] ulong? PagesSkippedParent = null,
    [property: JsonPropertyName("pagesWritten")] ulong? PagesWritten = null,
    [property: JsonPropertyName("pagesLazy")] ulong? PagesLazy = null,
    [property: JsonPropertyName("forkingMs")] double? ForkingMs = null,
    [property: JsonPropertyName("restoreMs")] double? RestoreMs = null,
    [property: JsonPropertyName("pagesRestored")] ulong? PagesRestored = null)
{
    /// <summary>Decodes a stats image: 8 bytes of magic, a little-endian u32 size, then a stats_entry protobuf message.</summary>
    public static CriuStats Parse(byte[] image)
    {
        if (image.Length < 12)
        {
            throw new FormatException($"a CRIU stats image has at least 12 bytes, this one {image.Length}");
        }

        var size = BitConverter.ToUInt32(image, 8);
        if (12 + size > image.Length)
        {
            throw new FormatException($"CRIU stats image truncated: entry of {size} bytes, {image.Length - 12} present");
        }

        var stats = new CriuStats();
        foreach (var (field, _, bytes) in Fields(image.AsSpan(12, (int)size).ToArray()))
        {
            if (bytes is null)
            {
                continue;
            }

            var values = Fields(bytes).Where(f => f.Bytes is null).ToDictionary(f => f.Field, f => f.Value);
            double? Ms(int n) => values.TryGetValue(n, out var v) ? v / 1000.0 : null;
            ulong? Count(int n) => values.TryGetValue(n, out var v) ? v : null;
            stats = field switch
            {
                1 => stats with
                {
                    FreezingMs = Ms(1), FrozenMs = Ms(2), MemdumpMs = Ms(3), MemwriteMs = Ms(4),
                    PagesScanned = Count(5), PagesSkippedParent = Count(6), PagesWritten = Count(7), PagesLazy = Count(9),
                },
                2 => stats with { ForkingMs = Ms(3), RestoreMs = Ms(4), PagesRestored = Count(5) },
                _ => stats,
            };
        }

        return stats;
    }

    public CriuStats Merge(CriuStats other) => new(
        FreezingMs ?? other.FreezingMs, FrozenMs ?? other.FrozenMs, MemdumpMs ?? other.MemdumpMs, MemwriteMs ?? other.MemwriteMs,
        PagesScanned ?? other.PagesScanned, PagesSkippedParent ?? other.PagesSkippedParent, PagesWritten ?? other.PagesWritten,
        PagesLazy ?? other.PagesLazy, ForkingMs ?? other.ForkingMs, RestoreMs ?? other.RestoreMs, PagesRestored ?? other.PagesRestored);

    /// <summary>Protobuf wire format: varints (type 0) and length-delimited fields (type 2) are all stats use.</summary>
    private static IEnumerable<(int Field, ulong Value, byte[]? Bytes)> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message, ref position);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return (field, ReadVarint(message, ref position), null);
                    break;
                case 2:
                    var length = ReadVarint(message, ref position);
                    if (length > (ulong)(message.Length - position))
                    {
                        throw new FormatException($"CRIU stats image truncated: field {field} of {length} bytes, {message.Length - position} present");
                    }

                    yield return (field, 0, message.AsSpan(position, (int)length).ToArray());
                    position += (int)length;
                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new FormatException($"unexpected protobuf wire type {key & 7} in a CRIU stats image");
            }
        }
    }

    private static ulong ReadVarint(byte[] data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new FormatException("CRIU stats image truncated inside a varint");
            }

            var b = data[position++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException("varint too long in a CRIU stats image");
    }
}
