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

    public static Option<bool> Json() => new("--json") { Description = "print JSON for scripts" };
}
