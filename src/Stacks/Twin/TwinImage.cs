using System.Security.Cryptography;
using System.Text;
using Ferry.Provisioning.Scripts;
using Ferry.Stacks.Local;

namespace Ferry.Stacks.Twin;

/// <summary>
/// The host image of twins: the local cloud's host image with Debian's cloud-init over it, as an overlay
/// layer of its own, so the local cloud's image and its cache key do not change.
/// </summary>
public sealed class TwinImage(HostImage image, LocalScript scripts)
{
    public static readonly IReadOnlyList<string> Packages = ["cloud-init"];

    public string Key =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', [image.Key, .. Packages, File.ReadAllText(Path.Combine(scripts.Templates.Root, TwinImageInputs.Template))]))))[..12];

    public string LayerDirectory => Path.Combine(FerryPaths.Images, $"twin-{Key}");

    /// <summary>overlayfs lowerdir: the layer over the host image.</summary>
    public string LowerDirs => $"{Path.Combine(LayerDirectory, "upper")}:{image.Directory}";

    public async Task BuildAsync(Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        await image.BuildAsync(progress, cancellationToken);
        if (File.Exists(Path.Combine(LayerDirectory, ".ferry-layer-ready")))
        {
            progress?.Invoke($"twin layer {Key} is cached at {LayerDirectory}");
            return;
        }

        progress?.Invoke($"installing {string.Join(", ", Packages)} into the twin layer {LayerDirectory}");
        var log = LayerDirectory + ".log";
        var result = await scripts.RunAsync(new TwinImageInputs(image.Directory, LayerDirectory, log, Packages), Timeouts.ImageBuild, progress, cancellationToken);
        if (!result.Succeeded)
        {
            throw new LocalCloudException($"building the twin layer failed (exit {result.ExitCode}); log: {log}\n{result.Tail()}");
        }
    }
}
