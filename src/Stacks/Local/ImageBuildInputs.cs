using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Local;

/// <summary>Builds the host image with debootstrap.</summary>
public sealed record ImageBuildInputs(string ImageDir, string Suite, string Mirror, string CriuSuite, string CriuVersion, string Packages, string LogPath) : ITemplateInputs
{
    public static string Template => "local/image-build.sh";
}
