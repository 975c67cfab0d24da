using System.Security.Cryptography;
using System.Text;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Local;

/// <summary>
/// The root file system every local host boots from: Debian trixie minbase with criu from forky
/// (trixie's criu cannot dump TCP sockets on kernels from 6.16 on). Cached by a key over everything
/// that shapes it, so a rebuild happens only when the package list or the recipe changes.
/// </summary>
public sealed class HostImage(LocalScript scripts)
{
    public const string Suite = "trixie";
    public const string CriuSuite = "forky";
    public const string CriuVersion = "4.2.1-1";
    private const long MinimumFreeBytes = 3L << 30;

    public static readonly IReadOnlyList<string> Packages =
    [
        "runc", "rsync", "openssh-server", "openssh-client", "iptables", "nftables", "haproxy",
        "strongswan-swanctl", "charon-systemd", "libcharon-extra-plugins", "iproute2", "procps",
        "python3", "redis-server", "busybox-static", "socat", "zstd", "tcpdump", "curl", "iputils-ping", "sudo",
        // The baseline a user would pick instead (ferry bench migrate --baseline podman); runs on runc, joins a pre-made netns.
        "podman", "conmon",
        // The papers' workload (stacks/apps/wordpress.yaml): Debian's WordPress on PHP, and MariaDB.
        "php-cli", "php-mysql", "mariadb-server", "wordpress", "wordpress-theme-twentytwentyfive",
    ];

    public string Key
    {
        get
        {
            var recipe = string.Join('\n', [Suite, CriuSuite, CriuVersion, .. Packages, File.ReadAllText(Path.Combine(scripts.Templates.Root, ImageBuildInputs.Template))]);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)))[..12];
        }
    }

    public string Directory => Path.Combine(FerryPaths.Images, Key, "rootfs");

    public string LogPath => Path.Combine(FerryPaths.Images, Key, "build.log");

    public bool IsReady => File.Exists(Path.Combine(Directory, ".ferry-image-ready"));

    public async Task BuildAsync(Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (IsReady)
        {
            progress?.Invoke($"image {Key} is cached at {Directory}");
            return;
        }

        LocalMachine.RequireRoot("build the host image");
        System.IO.Directory.CreateDirectory(FerryPaths.Images);
        var free = new DriveInfo(FerryPaths.Images).AvailableFreeSpace;
        if (free < MinimumFreeBytes)
        {
            throw new LocalCloudException($"only {free >> 20} MiB free under {FerryPaths.Images}; the host image needs {MinimumFreeBytes >> 20} MiB: free some space or set FERRY_STATE to a larger disk");
        }

        if (!File.Exists("/usr/sbin/debootstrap"))
        {
            throw new LocalCloudException("debootstrap is not installed: run ./ferry setup (or apt-get install debootstrap)");
        }

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = progress is null ? Task.CompletedTask : WatchLogAsync(progress, watching.Token);
        CommandResult result;
        try
        {
            result = await scripts.RunAsync(
                new ImageBuildInputs(Directory, Suite, LocalMachine.DebianMirror(), CriuSuite, CriuVersion, string.Join(',', Packages), LogPath),
                Timeouts.ImageBuild, progress, cancellationToken);
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }

        if (!result.Succeeded)
        {
            throw new LocalCloudException($"building the host image failed (exit {result.ExitCode}); log: {LogPath}\n{result.Tail()}");
        }
    }

    /// <summary>
    /// debootstrap says what it does only in its log: every few seconds, how far it got (packages retrieved,
    /// unpacked, configured of those it resolved) and its latest step.
    /// </summary>
    private async Task WatchLogAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? said = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            string[] lines;
            try
            {
                using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                lines = (await new StreamReader(stream).ReadToEndAsync(cancellationToken)).Split('\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
            {
                continue;
            }

            int Count(string verb) => lines.Count(l => l.StartsWith($"I: {verb} ", StringComparison.Ordinal));
            var latest = lines.LastOrDefault(l => l.StartsWith("I: ", StringComparison.Ordinal))?[3..].TrimEnd('.') ?? "starting";
            var line = $"progress image: {clock.Elapsed:m\\:ss}, packages retrieved {Count("Retrieving")}, unpacked {Count("Unpacking")}, configured {Count("Configuring")}; {latest}";
            if (line != said)
            {
                progress(line);
                said = line;
            }
        }
    }

    /// <summary>Size of the built image in bytes, or null when it is not built.</summary>
    public long? SizeBytes() =>
        IsReady
            ? new DirectoryInfo(Directory).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true }).Sum(f => f.Length)
            : null;
}
