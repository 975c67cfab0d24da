using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Text;
using Ferry.Provisioning.Processes;

namespace Ferry.TestSupport;

/// <summary>tcpdump on one interface of a network namespace of this machine, written to a pcap file and read back.</summary>
public sealed class PacketCapture : IAsyncDisposable
{
    private readonly Process _process;

    private PacketCapture(Process process, string path)
    {
        _process = process;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Starts capturing and returns once tcpdump listens.</summary>
    public static async Task<PacketCapture> StartAsync(string netns, string device)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ferry-capture-{Guid.NewGuid():N}.pcap");
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", netns, "tcpdump", "-i", device, "-n", "-U", "--immediate-mode", "-s", "0", "-w", path })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        if (await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(10))) != listening.Task)
        {
            process.Kill();
            throw new InvalidOperationException($"tcpdump on {netns}/{device} did not start listening within 10 s");
        }

        return new PacketCapture(process, path);
    }

    /// <summary>Stops tcpdump (SIGINT, so it flushes and closes the file; immediate mode leaves no packet in the ring).</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The captured packets matching a tcpdump filter expression, one summary line each.</summary>
    public async Task<IReadOnlyList<string>> PacketsAsync(string filter)
    {
        var result = await ProcessRunner.RunAsync("tcpdump", ["-r", Path, "-nn", filter]);
        return result.Succeeded
            ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            : throw new InvalidOperationException($"tcpdump -r {Path} '{filter}': {result.Tail()}");
    }

    /// <summary>Whether <paramref name="text"/> appears anywhere in the captured bytes.</summary>
    public bool Contains(string text) => File.ReadAllBytes(Path).AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    public long Bytes => new FileInfo(Path).Length;

    /// <summary>Every IPv4 packet captured (stop first), read from the pcap file (classic pcap, Ethernet link type).</summary>
    public IReadOnlyList<CapturedPacket> Packets()
    {
        var pcap = File.ReadAllBytes(Path);
        var little = BinaryPrimitives.ReadUInt32LittleEndian(pcap) is 0xa1b2c3d4 or 0xa1b23c4d;
        uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(pcap.AsSpan(at));
        if (U32(20) != 1)
        {
            throw new InvalidDataException($"{Path}: pcap link type {U32(20)}, expected Ethernet (1)");
        }

        var packets = new List<CapturedPacket>();
        for (var at = 24; at + 16 <= pcap.Length;)
        {
            var length = (int)U32(at + 8);
            var frame = pcap.AsSpan(at + 16, Math.Min(length, pcap.Length - at - 16));
            at += 16 + length;
            if (frame.Length < 34 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800)
            {
                continue;
            }

            var ip = frame[14..];
            packets.Add(new CapturedPacket(new IPAddress(ip.Slice(12, 4)).ToString(), new IPAddress(ip.Slice(16, 4)).ToString(), ip[9], ip[((ip[0] & 0x0f) * 4)..].ToArray()));
        }

        return packets;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        File.Delete(Path);
    }
}
