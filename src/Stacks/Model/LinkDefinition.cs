namespace Ferry.Stacks.Model;

/// <summary>The inter-site (WAN) link of the local cloud.</summary>
/// <param name="BandwidthMbit">Rate each site's uplink is shaped to with tbf; null means unshaped.</param>
public sealed record LinkDefinition(int? BandwidthMbit)
{
    public static LinkDefinition Default { get; } = new(100);

    public bool Shaped => BandwidthMbit is not null;
}
