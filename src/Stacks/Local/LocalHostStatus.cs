namespace Ferry.Stacks.Local;

/// <summary>A local host and whether its boot process is alive.</summary>
public sealed record LocalHostStatus(LocalHostPlan Host, bool Running);
