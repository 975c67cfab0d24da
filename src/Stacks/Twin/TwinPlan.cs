namespace Ferry.Stacks.Twin;

/// <summary>A whole twin: the operator's address on the internet segment and every site.</summary>
/// <param name="Names">Names of what the twin creates.</param>
/// <param name="Internet">The internet segment, with prefix length.</param>
/// <param name="OperatorAddress">This machine's address on the internet segment, with prefix length: where ferry's ssh comes from.</param>
/// <param name="Sites">The sites, in stack order.</param>
public sealed record TwinPlan(TwinNames Names, string Internet, string OperatorAddress, IReadOnlyList<TwinSitePlan> Sites)
{
    public IEnumerable<TwinHostPlan> Hosts => Sites.SelectMany(s => s.Hosts);

    public string OperatorIp => OperatorAddress.Split('/')[0];
}
