namespace Ferry.Stacks.Tests;

/// <summary>Finds the repository (and shared/ beside it) from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Locate();

    public static string Stacks => Path.Combine(Root, "stacks");

    public static string Templates => Path.Combine(Root, "templates");

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Infra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Infra.sln above {AppContext.BaseDirectory}");
    }
}
