using System.CommandLine;

namespace Ferry.Cli;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    public static Option<string> Stack() => new("--stack", "-s")
    {
        Description = "stack file",
        DefaultValueFactory = _ => "stacks/local.yaml",
    };

    /// <summary>A kind: pulumi stack's local twin instead of the real clouds.</summary>
    public static Option<bool> Twin() => new("--twin")
    {
        Description = "kind: pulumi stacks: the stack's local twin on this machine (namespaces behaving like those clouds) instead of the real clouds",
    };

    public static Option<bool> Json() => new("--json") { Description = "print JSON for scripts" };

    /// <summary>The admin's private key on real clouds; its .pub becomes the stack's sshPublicKey config.</summary>
    public static Option<string> Key() => new("--key")
    {
        Description = "kind: pulumi stacks: the admin's private SSH key (its .pub is set as the stack's sshPublicKey)",
        DefaultValueFactory = _ => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "id_ed25519"),
    };

    /// <summary>The operator's verified host keys of a real-cloud stack; ferry never turns host key checking off.</summary>
    public static Option<string?> KnownHosts() => new("--known-hosts")
    {
        Description = "kind: pulumi stacks: a known_hosts file with each host's verified key (keys exist only after first boot)",
    };
}
