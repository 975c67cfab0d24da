namespace Ferry.Stacks.Local;

/// <summary>
/// Every name the local cloud creates carries the stack's name, and uses separators a stack or host
/// name cannot contain, so two stacks never collide and leftovers are found by name.
/// </summary>
public sealed record LocalNames(string Stack)
{
    public string FabricNamespace => $"ferry.{Stack}.fabric";

    public string HostNamespace(string host) => $"ferry.{Stack}.{host}";

    /// <summary>Management bridge in the machine's namespace ("_" cannot appear in a stack name).</summary>
    public string ManagementBridge => $"f_{Stack}";

    /// <summary>The machine-side end of host <paramref name="index"/>'s management link (15 characters at most).</summary>
    public string ManagementVeth(int index) => $"f{Stack}{index:D2}";

    public string FabricVeth(int hostIndex, int linkIndex) => $"h{hostIndex:D2}l{linkIndex}";

    public string SiteBridge(int siteIndex) => $"site{siteIndex}";

    public const string InternetBridge = "inet";

    /// <summary>cgroup path prefix for every container on this stack's hosts (the hosts share the machine's v1 hierarchy).</summary>
    public string CgroupPrefix => $"ferry-{Stack}";
}
