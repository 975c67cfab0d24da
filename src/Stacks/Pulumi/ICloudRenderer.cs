using Ferry.Stacks.Model;

namespace Ferry.Stacks.Pulumi;

/// <summary>Renders one site on one cloud.</summary>
public interface ICloudRenderer
{
    /// <summary>The stack file's cloud name: aws, gcp or azure.</summary>
    string Cloud { get; }

    /// <summary>
    /// The site gateway's static public address, as a reference into the program. Peers use it in their
    /// IKE/ESP rules before this site is rendered, so it must depend on names only.
    /// </summary>
    PulumiValue GatewayPublicIp(SiteDefinition site);

    SiteProgram Render(SiteRenderContext context);
}
