using System.Buffers.Binary;
using System.Diagnostics;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Strategies;

/// <summary>
/// The hybrid strategy's page tool (templates/strategies/hybrid/pages.py) on page copies in its snapshot
/// format: the delta sends exactly the pages that changed or are new, and the target rebuilds the new copy
/// byte for byte from the old one and that delta.
/// </summary>
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
        var newPages = (byte[])oldPages.Clone();
        int[] changed = [0, 5, 255, 256, 599, 605];
        foreach (var p in changed)
        {
            newPages[(p * Page) + 100] ^= 0xFF;
        }

        // The new copy also holds 3 pages the old one has not.
        var newRuns = oldRuns.Append((0x4000000UL, 3)).ToArray();
        newPages = [.. newPages, .. RandomPages(random, 3)];
        Write("old", 7, oldRuns, oldPages);
        Write("new", 7, newRuns, newPages);

        var delta = Run("delta", "old", "new", "xfer");
        Assert.Contains($"literal={(changed.Length + 3) * Page}", delta);
        Assert.Contains($"copied={(610 - changed.Length) * Page}", delta);

        Run("apply", "old", "xfer", "rebuilt");
        Assert.Equal(newPages, File.ReadAllBytes(Path.Combine(_dir, "rebuilt", "pages-7")));
    }

    private static byte[] RandomPages(Random random, int pages)
    {
        var data = new byte[pages * Page];
        random.NextBytes(data);
        return data;
    }

    private void Write(string name, int key, (ulong Address, int Pages)[] runs, byte[] pages)
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

    private string Run(params string[] args)
    {
        var start = new ProcessStartInfo("python3") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Templates, "strategies", "hybrid", "pages.py"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start (the machine setup installs it)");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pages.py {string.Join(' ', args)} exited {process.ExitCode}: {error}");
        return output;
    }
}
