namespace Ferry.TestSupport;

/// <summary>The clone's root (found by walking up to Infra.sln) and the folders the tests read.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Stacks => Path.Combine(Root, "stacks");

    public static string Templates => Path.Combine(Root, "templates");

    /// <summary>The provider schema data vendored with the Pulumi programs (see its README).</summary>
    public static string ProviderInputs => Path.Combine(Stacks, "pulumi", "schema", "provider-inputs.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Infra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Infra.sln above {AppContext.BaseDirectory}; tests must run from inside the clone");
    }
}
