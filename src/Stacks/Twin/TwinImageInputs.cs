using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Twin;

/// <summary>The twin's image layer: packages installed over the host image.</summary>
public sealed record TwinImageInputs(string BaseDir, string LayerDir, string LogPath, IReadOnlyList<string> Packages) : ITemplateInputs
{
    public static string Template => "twin/image-layer.sh";
}
