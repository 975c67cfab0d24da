using System.Text.Json.Serialization;

namespace Ferry.Provisioning.Vpn;

/// <summary>A gateway's IPsec state: whether charon runs, and its SAs.</summary>
/// <param name="Gateway">Inventory name of the gateway.</param>
/// <param name="Daemon">running, charon-down, not-configured, or unreachable.</param>
/// <param name="Sas">The IKE SAs with their child SAs (empty unless charon runs).</param>
/// <param name="Problem">Why the gateway could not be asked, when it could not.</param>
public sealed record GatewayVpnStatus(
    [property: JsonPropertyName("gateway")] string Gateway,
    [property: JsonPropertyName("daemon")] string Daemon,
    [property: JsonPropertyName("sas")] IReadOnlyList<IkeSa> Sas,
    [property: JsonPropertyName("problem")] string? Problem = null)
{
    public const string Running = "running";
    public const string CharonDown = "charon-down";
    public const string NotConfigured = "not-configured";
    public const string Unreachable = "unreachable";

    /// <summary>The installed child SA named <paramref name="child"/> under an established IKE SA, if there is one.</summary>
    public ChildSa? Installed(string child) =>
        Sas.Where(s => s.State == IkeSa.Established).SelectMany(s => s.Children).FirstOrDefault(c => c.Name == child && c.IsInstalled);

    /// <summary>What is wrong with the tunnel to <paramref name="child"/>, or null when it is up.</summary>
    public string? Fault(string child) =>
        Daemon switch
        {
            Running when Installed(child) is not null => null,
            Running => $"charon runs but has no installed child SA '{child}'",
            CharonDown => "charon is not running",
            NotConfigured => "no VPN configured",
            _ => Problem ?? Daemon,
        };

    /// <summary>Whether every gateway runs charon with an established, installed tunnel to each of its peers.</summary>
    public static bool AllEstablished(IReadOnlyList<GatewayVpnStatus> statuses) =>
        statuses.Count > 1 && statuses.All(s => s.Daemon == Running
            && s.Sas.Count(i => i.State == IkeSa.Established && i.Children.Any(c => c.IsInstalled)) >= statuses.Count - 1);
}
