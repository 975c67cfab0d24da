using System.Buffers.Binary;
using System.Diagnostics;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Strategies;

/// <summary>
/// The hybrid strategy's page tool (templates/strategies/hybrid/pages.py) on page copies in its snapshot
/// format: the delta sends exactly the pages that changed or are new, and the target rebuilds the new copy
/// byte for byte from the old one and that delta, or describes criu's new images as those changed pages
/// over the old copy as their parent (criu's incremental images), which criu reads back byte for byte.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PageToolTests : IDisposable
{
    private const int Page = 4096;
    private readonly string _dir = Directory.CreateTempSubdirectory("ferry-pages-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void DeltaThenApply_RebuildsTheNewCopy_SendingOnlyChangedAndNewPages()
    {
        var random = new Random(7);
        // One process (key 7): a run of 600 pages (more than one compare window) and a short one.
        var oldRuns = new (ulong Address, int Pages)[] { (0x10000, 600), (0x900000, 10) };
        var oldPages = RandomPages(random, 610);
        int[] changed = [0, 5, 255, 256, 599, 605];
        var newPages = WithChanged(oldPages, changed, 100);

        // The new copy also holds 3 pages the old one has not.
        var newRuns = oldRuns.Append((0x4000000UL, 3)).ToArray();
        newPages = [.. newPages, .. RandomPages(random, 3)];
        Write("old", "7", oldRuns, oldPages);
        Write("new", "7", newRuns, newPages);

        var delta = Run("delta", "old", "new", "xfer");
        Assert.Contains($"literal={(changed.Length + 3) * Page}", delta);
        Assert.Contains($"copied={(610 - changed.Length) * Page}", delta);

        Run("apply", "old", "xfer", "rebuilt");
        Assert.Equal(newPages, File.ReadAllBytes(Path.Combine(_dir, "rebuilt", "pages-7")));
    }

    [Fact]
    public void DeltaThenParent_WhereTheLayoutMoved_MovesTheOldCopysPagesInPlace_IntoWholeImages()
    {
        var random = new Random(19);
        // More than 64 MiB moves each way within the page file: a run gone from before it moves 66 MiB down,
        // a run gained before the last one moves that up.
        var oldRuns = new (ulong Address, int Pages)[] { (0x10000, 20), (0x200000, 5), (0x10000000, 16400), (0x20000000, 10) };
        var oldPages = RandomPages(random, 16435);
        int[] changed = [0, 19, 25, 16424, 16434];
        var kept = WithChanged(oldPages, changed, 11);
        var gained = RandomPages(random, 2100);
        var newRuns = new (ulong Address, int Pages, int Flags)[] { (0x10000, 20, Lazy | Present), (0x10000000, 16400, Lazy | Present), (0x18000000, 2100, Lazy | Present), (0x20000000, 10, Lazy | Present) };
        byte[] newPages = [.. kept.AsSpan(0, 20 * Page), .. kept.AsSpan(25 * Page, 16400 * Page), .. gained, .. kept.AsSpan(16425 * Page)];
        Write("old", "7", oldRuns, oldPages);
        WriteCriuImages("images", "7", 1, newRuns, newPages);
        var pagemap = File.ReadAllBytes(Path.Combine(_dir, "images", "pagemap-7.img"));

        Assert.Contains($"literal={(changed.Length + 2100) * Page}\n", Run("delta", "old", "images", "images"));
        var parent = Run("parent", "old", "images", "images");

        // The old copy taken over and made the new images whole: criu's lazy-pages daemon serves all of it.
        Assert.Contains($"taken_over={(16430 + 2100) * Page}\n", parent);
        Assert.Contains("in_parent=0\n", parent);
        var images = Path.Combine(_dir, "images");
        Assert.Equal(newPages, File.ReadAllBytes(Path.Combine(images, "pages-1.img")));
        Assert.Equal(pagemap, File.ReadAllBytes(Path.Combine(images, "pagemap-7.img")));
        Assert.False(Directory.Exists(Path.Combine(images, "parent")));
        Assert.Empty(Directory.GetFiles(images, "*.recipe"));
        Assert.Empty(Directory.GetFiles(images, "*.lit"));
    }

    [Fact]
    public void DeltaThenParent_WhereTheLayoutHeld_PatchesTheOldCopyIntoWholeImages()
    {
        var random = new Random(13);
        var oldRuns = new (ulong Address, int Pages)[] { (0x10000, 600), (0x900000, 10) };
        var oldPages = RandomPages(random, 610);
        int[] changed = [3, 300, 609];
        var newPages = WithChanged(oldPages, changed, 7);

        // A run after the old ones: nothing moves within the file.
        var newRuns = new (ulong Address, int Pages, int Flags)[] { (0x10000, 600, Lazy | Present), (0x900000, 10, Lazy | Present), (0x4000000, 2, Lazy | Present) };
        newPages = [.. newPages, .. RandomPages(random, 2)];
        Write("old", "7", oldRuns, oldPages);
        WriteCriuImages("images", "7", 1, newRuns, newPages);
        var pagemap = File.ReadAllBytes(Path.Combine(_dir, "images", "pagemap-7.img"));

        Run("delta", "old", "images", "images");
        var parent = Run("parent", "old", "images", "images");

        Assert.Contains($"taken_over={612 * Page}\n", parent);
        Assert.Contains("in_parent=0\n", parent);
        var images = Path.Combine(_dir, "images");
        Assert.Equal(newPages, File.ReadAllBytes(Path.Combine(images, "pages-1.img")));
        Assert.Equal(pagemap, File.ReadAllBytes(Path.Combine(images, "pagemap-7.img")));
        Assert.False(Directory.Exists(Path.Combine(images, "parent")));
        Assert.Empty(Directory.GetFiles(images, "*.recipe"));
    }

    [Fact]
    public void StreamThenUnpack_OnTheTarget_RebuildsTheImagesByteForByte_FromXorsOfTheChangedPages_WithTheOtherImagesButNotTheLog_AndAStreamCutShortFailsLeavingNoRecipeForWhatWasCut()
    {
        var random = new Random(17);
        var oldRuns = new (ulong Address, int Pages)[] { (0x10000, 600), (0x900000, 10) };
        var oldPages = RandomPages(random, 610);
        // 1.3 MB of changed pages in one run: the target undoes XORs that span its 1 MiB reads.
        int[] changed = [1, .. Enumerable.Range(10, 320), 608];
        var newPages = WithChanged(oldPages, changed, 9);
        var newRuns = new (ulong Address, int Pages, int Flags)[] { (0x10000, 600, Lazy | Present), (0x900000, 10, Lazy | Present), (0x4000000, 4, Lazy | Present) };
        newPages = [.. newPages, .. RandomPages(random, 4)];
        Write("old", "7", oldRuns, oldPages);
        Write("old-again", "7", oldRuns, oldPages);
        WriteCriuImages("images", "7", 1, newRuns, newPages);
        // criu's other images of the process, and its log of the dump, which stays on the source.
        var core = RandomPages(random, 1)[..1500];
        File.WriteAllBytes(Path.Combine(_dir, "images", "core-7.img"), core);
        File.WriteAllBytes(Path.Combine(_dir, "images", "dump.log"), RandomPages(random, 8));

        // The source: the stream on stdout, its totals beside the recipes.
        var (code, stream, error) = RunRaw(null, "stream", "old", "images", "xfer");
        Assert.True(code == 0, error);
        Assert.Contains($"literal={(changed.Length + 4) * Page}\n", File.ReadAllText(Path.Combine(_dir, "xfer", "summary")));
        // Only the changed and new pages and the other images cross, with a recipe for the rest; not the log.
        var pagemap = File.ReadAllBytes(Path.Combine(_dir, "images", "pagemap-7.img"));
        var least = ((changed.Length + 4) * Page) + core.Length + pagemap.Length;
        Assert.InRange(stream.Length, least, least + 1024);

        // A changed page the target holds crosses as its XOR with the old copy: zeros but for the byte that changed.
        Assert.True(stream.Count(b => b == 0) >= changed.Length * (Page - 1), "the changed pages did not cross as XORs with the old copy");

        // Without the old copy the target cannot undo the XORs: a failure naming the fix, and no recipe.
        var alone = Directory.CreateDirectory(Path.Combine(_dir, "alone")).FullName;
        var (aloneCode, _, aloneError) = RunRaw(stream, "unpack", "alone");
        Assert.NotEqual(0, aloneCode);
        Assert.Contains("unpack needs the old copy's directory", aloneError);
        Assert.Empty(Directory.GetFiles(alone, "*.recipe"));

        // The target, given the old copy, rebuilds each page file as it comes in, leaving parent nothing to do.
        var target = Directory.CreateDirectory(Path.Combine(_dir, "target")).FullName;
        var (unpacked, output, unpackError) = RunRaw(stream, "unpack", "target", "old-again");
        Assert.True(unpacked == 0, unpackError);
        Assert.Equal("page_files=1\nfiles=2\n", System.Text.Encoding.ASCII.GetString(output));
        Assert.Equal(core, File.ReadAllBytes(Path.Combine(target, "core-7.img")));
        Assert.Equal(pagemap, File.ReadAllBytes(Path.Combine(target, "pagemap-7.img")));
        Assert.False(File.Exists(Path.Combine(target, "dump.log")));
        // A process's state is root's alone on the target too, whatever the SSH session's umask.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(target, "core-7.img")));
        Assert.Equal(newPages, File.ReadAllBytes(Path.Combine(target, "pages-1.img")));
        Assert.Empty(Directory.GetFiles(target, "*.recipe"));
        Assert.Empty(Directory.GetFiles(target, "*.lit"));
        Assert.Contains("in_parent=0\n", Run("parent", "old-again", "target", "target"));

        // Cut off midway through the changed pages: a failure naming it, and no recipe that a restore would use.
        var cut = Directory.CreateDirectory(Path.Combine(_dir, "cut")).FullName;
        var (cutCode, _, cutError) = RunRaw(stream[..(stream.Length / 2)], "unpack", "cut", "old");
        Assert.NotEqual(0, cutCode);
        Assert.Contains("cut off in pages-1.img", cutError);
        Assert.Empty(Directory.GetFiles(cut, "*.recipe"));
    }

    [Fact]
    public void DeltaThenParent_ASharedSegment_MatchesItsCopyByInodeAndIsRebuiltWhole()
    {
        var random = new Random(17);
        // A shared segment (criu's pagemap-shmem-INODE.img, by offset in it) whose layout moved by more than
        // 64 MiB: a process's pages would be left in a parent, but criu reads none for a segment.
        var oldRuns = new (ulong Address, int Pages)[] { (0, 20), (0x1000000, 16400) };
        var oldPages = RandomPages(random, 16420);
        int[] changed = [1, 19, 20, 9000, 16419];
        var newPages = WithChanged(oldPages, changed, 9);
        var newRuns = new (ulong Address, int Pages, int Flags)[] { (0, 20, Present), (0x800000, 3, Present), (0x1000000, 16400, Present) };
        newPages = [.. newPages.AsSpan(0, 20 * Page), .. RandomPages(random, 3), .. newPages.AsSpan(20 * Page)];
        Write("old", "shmem-20886", oldRuns, oldPages);
        WriteCriuImages("images", "shmem-20886", 3, newRuns, newPages);

        Assert.Contains($"literal={(changed.Length + 3) * Page}\n", Run("delta", "old", "images", "images"));
        var parent = Run("parent", "old", "images", "images");

        Assert.Contains($"taken_over={16423 * Page}\n", parent);
        Assert.Contains("in_parent=0\n", parent);
        var images = Path.Combine(_dir, "images");
        Assert.Equal(newPages, File.ReadAllBytes(Path.Combine(images, "pages-3.img")));
        Assert.False(Directory.Exists(Path.Combine(images, "parent")));
        Assert.Empty(Directory.GetFiles(images, "*.recipe"));
    }

    [Fact]
    public void Snapshot_TakesTheSharedMemoryAProcessMaps_ByOffsetInItsSegment()
    {
        // 1 MiB of anonymous shared memory (what PHP's opcache is), pages 0-9 and 100 written.
        var script = """
            import mmap, os
            m = mmap.mmap(-1, 1 << 20, mmap.MAP_SHARED)
            for p in list(range(10)) + [100]:
                m[p * 4096 : (p + 1) * 4096] = bytes([p + 1]) * 4096
            inode = next(l.split()[4] for l in open("/proc/self/maps") if l.split()[1][3] == "s" and l.split()[3] == "00:01")
            print(inode, flush=True)
            os.read(0, 1)
            """;
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var holder = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        try
        {
            var inode = holder.StandardOutput.ReadLine();
            Run("snapshot", "copy", holder.Id.ToString());

            var copy = Path.Combine(_dir, "copy");
            var map = File.ReadAllBytes(Path.Combine(copy, $"map-shmem-{inode}"));
            var runs = Enumerable.Range(0, map.Length / 12)
                .Select(i => (BinaryPrimitives.ReadUInt64LittleEndian(map.AsSpan(i * 12)), BinaryPrimitives.ReadUInt32LittleEndian(map.AsSpan((i * 12) + 8))))
                .ToArray();
            Assert.Equal([(0UL, 10U), (100UL * Page, 1U)], runs);
            var expected = new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 101 }.SelectMany(b => Enumerable.Repeat((byte)b, Page)).ToArray();
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(copy, $"pages-shmem-{inode}")));
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    [Theory]
    [InlineData("spread")]
    [InlineData("hot")]
    public void Sample_ReadsSpreadOverMemoryKeepTouchingNewPages_AHotSetDoesNot(string reads)
    {
        // 64 MiB, every page written; then 2,000 reads a second of random pages, or every 10 ms all of the
        // first 500 pages, so that the hot set is whole in the first half of the sample however little the
        // reader runs. With random picks among the 500, one run of the whole suite measured 2 MB of growth
        // for the hot set (cause not found; two busy cores did not bring it back).
        var script = """
            import random, sys, time
            PAGE, PAGES = 4096, 16384
            buf = bytearray(PAGE * PAGES)
            for p in range(PAGES):
                buf[p * PAGE] = 1
            print("ready", flush=True)
            spread = sys.argv[1] == "spread"
            x = 0
            while True:
                for i in range(20 if spread else 500):
                    x ^= buf[(random.randrange(PAGES) if spread else i) * PAGE]
                time.sleep(0.01)
            """;
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(reads);
        using var reader = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        try
        {
            Assert.Equal("ready", reader.StandardOutput.ReadLine());
            var output = Run("sample", "1", reader.Id.ToString());
            long Value(string key) => long.Parse(output.Split('\n').Single(l => l.StartsWith(key + "=")).Split('=')[1]);

            Assert.InRange(Value("memory"), 64L << 20, 128L << 20);
            // 1,000 reads in half a second: ~970 distinct pages of 16,384 when spread, then as many again.
            if (reads == "spread")
            {
                Assert.True(Value("touch_rate") > 4L << 20, $"spread reads: {output}");
            }
            else
            {
                Assert.True(Value("touch_rate") < 1L << 20, $"a hot set: {output}");
            }
        }
        finally
        {
            reader.Kill();
            reader.WaitForExit();
        }
    }

    /// <summary>A copy of <paramref name="pages"/> with one byte flipped, at <paramref name="at"/>, in each of the pages <paramref name="changed"/>.</summary>
    private static byte[] WithChanged(byte[] pages, int[] changed, int at)
    {
        var copy = (byte[])pages.Clone();
        foreach (var p in changed)
        {
            copy[(p * Page) + at] ^= 0xFF;
        }

        return copy;
    }

    private static byte[] RandomPages(Random random, int pages)
    {
        var data = new byte[pages * Page];
        random.NextBytes(data);
        return data;
    }

    private void Write(string name, string key, (ulong Address, int Pages)[] runs, byte[] pages)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        File.WriteAllBytes(Path.Combine(dir, $"pages-{key}"), pages);
        var map = new byte[runs.Length * 12];
        for (var i = 0; i < runs.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(map.AsSpan(i * 12), runs[i].Address);
            BinaryPrimitives.WriteUInt32LittleEndian(map.AsSpan((i * 12) + 8), (uint)runs[i].Pages);
        }

        File.WriteAllBytes(Path.Combine(dir, $"map-{key}"), map);
    }

    private const int Lazy = 2, Present = 4;

    private void WriteCriuImages(string name, string pid, int pagesId, (ulong Address, int Pages, int Flags)[] runs, byte[] pages)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        File.WriteAllBytes(Path.Combine(dir, $"pages-{pagesId}.img"), pages);
        var image = new List<byte>();
        image.AddRange(BitConverter.GetBytes(0x54564319u));
        image.AddRange(BitConverter.GetBytes(0x56084025u));
        image.AddRange(Message((1, (ulong)pagesId)));
        foreach (var (address, count, flags) in runs)
        {
            image.AddRange(Message((1, address), (4, (ulong)flags), (5, (ulong)count)));
        }

        File.WriteAllBytes(Path.Combine(dir, $"pagemap-{pid}.img"), image.ToArray());
    }

    private static byte[] Message(params (int Field, ulong Value)[] fields)
    {
        var body = new List<byte>();
        foreach (var (field, value) in fields)
        {
            Varint(body, (ulong)field << 3);
            Varint(body, value);
        }

        return [.. BitConverter.GetBytes(body.Count), .. body];
    }

    private static void Varint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private (int Code, byte[] Output, string Error) RunRaw(byte[]? input, params string[] args)
    {
        var start = new ProcessStartInfo("python3") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Templates, "strategies", "hybrid", "pages.py"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start (the machine setup installs it)");
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        try
        {
            if (input is not null)
            {
                process.StandardInput.BaseStream.Write(input);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // A command that fails early stops reading; its exit code and stderr say why.
        }

        copy.GetAwaiter().GetResult();
        process.WaitForExit();
        return (process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
    }

    private string Run(params string[] args)
    {
        var (code, output, error) = RunRaw(null, args);
        Assert.True(code == 0, $"pages.py {string.Join(' ', args)} exited {code}: {error}");
        return System.Text.Encoding.UTF8.GetString(output);
    }
}
