namespace Ferry.Stacks.Twin;

/// <summary>
/// Names of what a twin creates. A twin's own stack name is the real-cloud stack's name with "-t", so its
/// state, namespaces and inventory never mix with the real deployment's.
/// </summary>
public sealed record TwinNames(string CloudStack)
{
    public string Stack => $"{CloudStack}-t";

    public string FabricNamespace => $"ferry.{Stack}.fabric";

    public string HostNamespace(string host) => $"ferry.{Stack}.{host}";

    public string RouterNamespace(string site) => $"ferry.{Stack}.vpc.{site}";

    /// <summary>The operator's link from this machine into the internet segment (at most 15 characters).</summary>
    public string OperatorVeth => $"o{CloudStack}";

    public string SiteBridge(int site) => $"site{site}";

    public const string InternetBridge = "inet";

    public string HostVeth(int site, int host) => $"s{site}h{host:D2}";

    public string RouterVeth(int site, string leg) => $"s{site}r{leg}";

    public string CgroupPrefix => $"ferry-{Stack}";

    /// <summary>The containers on a twin's hosts are the cloud stack's applications, and their cgroups carry its name.</summary>
    public string AppCgroupPrefix => $"ferry-{CloudStack}";
}
