namespace Ferry.TestSupport;

/// <summary>The clone's root (found by walking up to Infra.sln) and the shared/ folder beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Stacks => Path.Combine(Root, "stacks");

    public static string Templates => Path.Combine(Root, "templates");

    /// <summary>Vendored provider schema data; in CI shared/ sits beside the clone.</summary>
    public static string ProviderInputs
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "pulumi", "provider-inputs.json"));
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"provider schema data not found at {path}: shared/ must sit beside the clone (shared/pulumi/provider-inputs.json)", path);
        }
    }

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
