namespace Ferry.Stacks.Policy;

/// <summary>Which way a rule lets traffic cross a host's cloud firewall.</summary>
public enum TrafficDirection
{
    /// <summary>Into the host; <see cref="NetworkRule.Peers"/> are sources.</summary>
    Ingress,

    /// <summary>Out of the host; <see cref="NetworkRule.Peers"/> are destinations.</summary>
    Egress,
}
