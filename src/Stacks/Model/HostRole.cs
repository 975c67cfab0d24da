namespace Ferry.Stacks.Model;

/// <summary>What a host is for; steps and playbooks select hosts by role.</summary>
public enum HostRole
{
    Gateway,
    Workload,
    Front,
    Client,
}
