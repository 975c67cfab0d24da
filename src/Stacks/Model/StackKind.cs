namespace Ferry.Stacks.Model;

/// <summary>Where a stack's hosts come from.</summary>
public enum StackKind
{
    /// <summary>Hosts made of namespaces on this machine.</summary>
    Local,

    /// <summary>Real cloud VMs, deployed by the Pulumi CLI from a rendered YAML program.</summary>
    Pulumi,
}
