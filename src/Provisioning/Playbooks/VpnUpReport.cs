namespace Ferry.Provisioning.Playbooks;

/// <summary>What one gateway reported after bringing its tunnels up.</summary>
/// <param name="Backend">kernel or libipsec.</param>
/// <param name="InstalledAfter">Seconds until each child SA was installed, by child name.</param>
public sealed record VpnUpReport(string Backend, IReadOnlyDictionary<string, double> InstalledAfter)
{
    public override string ToString() =>
        $"backend {Backend}; " + string.Join("; ", InstalledAfter.Select(p => $"{p.Key} installed after {p.Value:0.000} s"));
}
