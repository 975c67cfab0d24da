using Ferry.MigrationSteps.Criu;

namespace Ferry.MigrationSteps.Tests.Criu;

public sealed class CriuStatsTests
{
    // Real images from a counter checkpoint and restore: 8 bytes magic, u32 size, stats_entry { dump = 1 | restore = 2 }.
    private static readonly byte[] StatsDump = Convert.FromHexString(
        "40591055063309572600000" + "00a2408c8910610a4940318bf15208210" + "28c011300038d31040004800500858086000680070" + "00");

    private static readonly byte[] StatsRestore = Convert.FromHexString("40591055063309570f000000120d0800100018012" + "0b8f10328d310");

    [Fact]
    public void Parse_StatsDump_EveryDumpField()
    {
        var stats = CriuStats.Parse(StatsDump);

        // freezing_time c8 91 06 = 100552 us, frozen_time a4 94 03 = 51748 us, memdump_time bf 15 = 2751 us,
        // memwrite_time 82 10 = 2050 us, pages_scanned c0 11 = 2240, pages_skipped_parent 0, pages_written d3 10 = 2131, pages_lazy 0.
        Assert.Equal(
            new CriuStats(FreezingMs: 100.552, FrozenMs: 51.748, MemdumpMs: 2.751, MemwriteMs: 2.05, PagesScanned: 2240, PagesSkippedParent: 0, PagesWritten: 2131, PagesLazy: 0),
            stats);
    }

    [Fact]
    public void Parse_StatsRestore_EveryRestoreField()
    {
        var stats = CriuStats.Parse(StatsRestore);

        // forking_time 01 = 1 us, restore_time b8 f1 03 = 63672 us, pages_restored d3 10 = 2131.
        Assert.Equal(new CriuStats(ForkingMs: 0.001, RestoreMs: 63.672, PagesRestored: 2131), stats);
    }

    [Fact]
    public void Merge_DumpAndRestore_BothHalves()
    {
        var merged = CriuStats.Parse(StatsDump).Merge(CriuStats.Parse(StatsRestore));

        Assert.Equal((100.552, 63.672, 2131UL, 2131UL), (merged.FreezingMs, merged.RestoreMs, merged.PagesWritten, merged.PagesRestored));
    }

    [Fact]
    public void Parse_ShorterThanHeader_FormatException()
    {
        var e = Assert.Throws<FormatException>(() => CriuStats.Parse(StatsDump[..11]));

        Assert.Equal("a CRIU stats image has at least 12 bytes, this one 11", e.Message);
    }

    [Fact]
    public void Parse_EntryCutShort_FormatException()
    {
        var e = Assert.Throws<FormatException>(() => CriuStats.Parse(StatsDump[..30]));

        Assert.Equal("CRIU stats image truncated: entry of 38 bytes, 18 present", e.Message);
    }

    [Fact]
    public void Parse_NestedMessageLongerThanEntry_FormatException()
    {
        // The header agrees with the bytes present, but the dump message inside claims 36 bytes of which 16 remain.
        var image = StatsDump[..30];
        image[8] = 18;

        var e = Assert.Throws<FormatException>(() => CriuStats.Parse(image));

        Assert.Equal("CRIU stats image truncated: field 1 of 36 bytes, 16 present", e.Message);
    }

    [Fact]
    public void Parse_VarintCutShort_FormatException()
    {
        // A restore entry whose last varint (pages_restored) has its continuation bit set but no next byte.
        var image = StatsRestore[..^1];
        image[8] = 14;
        image[13] = 12;

        var e = Assert.Throws<FormatException>(() => CriuStats.Parse(image));

        Assert.Equal("CRIU stats image truncated inside a varint", e.Message);
    }
}
