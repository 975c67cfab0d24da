using System.CommandLine;
using Spectre.Console;

namespace Ferry.Cli.Tests;

/// <summary>
/// A temporary folder with a copy of the repository's stacks/, a FERRY_STATE directory, and a PATH and
/// HOME without a Pulumi CLI; runs <c>ferry</c> in-process against it and captures what it prints.
/// </summary>
public sealed class CliWorkspace : IDisposable
{
    private static readonly string[] Variables = ["FERRY_STATE", "PATH", "HOME"];
    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

    public CliWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("ferry-cli-").FullName;
        Directory.CreateDirectory(Stacks);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot, "stacks"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(Stacks, Path.GetFileName(file)));
        }

        Environment.SetEnvironmentVariable("FERRY_STATE", State);
        Environment.SetEnvironmentVariable("PATH", Directory.CreateDirectory(Path.Combine(Root, "bin")).FullName);
        Environment.SetEnvironmentVariable("HOME", Directory.CreateDirectory(Path.Combine(Root, "home")).FullName);
    }

    /// <summary>The clone's root, found by walking up to Infra.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public string Root { get; }

    public string Stacks => Path.Combine(Root, "stacks");

    public string State => Path.Combine(Root, "state");

    public string Stack(string name) => Path.Combine(Stacks, name + ".yaml");

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs <c>ferry args…</c> in-process; returns its exit code and everything it printed, one line per line.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Console;
        var stdout = Console.Out;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        AnsiConsole.Console.Profile.Width = 10_000;
        Console.SetOut(writer);
        try
        {
            var exitCode = await FerryCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
            return (exitCode, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = console;
            Console.SetOut(stdout);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.Delete(Root, recursive: true);
    }

    private static string FindRepoRoot()
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
