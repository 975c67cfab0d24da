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
    public static string RepoRoot => Ferry.TestSupport.RepoPaths.Root;

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

    /// <summary>
    /// Puts a stand-in <c>pulumi</c> on PATH that appends each command line to <paramref name="log"/> (and any
    /// standard input after it) and answers <c>stack output</c> with <paramref name="outputs"/>.
    /// </summary>
    public void FakePulumi(string log, string outputs)
    {
        var outputsPath = Write("fake-outputs.json", outputs);
        var script = Path.Combine(Root, "bin", "pulumi");
        File.WriteAllText(script, $"""
            #!/bin/sh
            echo "$*" >> '{log}'
            echo "$PULUMI_CONFIG_PASSPHRASE_FILE" >> '{log}.passphrase'
            case "$1 $2" in
              "config set") /bin/cat >> '{log}'; echo >> '{log}' ;;
              "stack output") /bin/cat '{outputsPath}' ;;
            esac

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>An SSH key pair under HOME/.ssh (the default --key); only the public half is read.</summary>
    public string KeyPair()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Root, "home", ".ssh")).FullName;
        var key = Path.Combine(dir, "id_ed25519");
        File.WriteAllText(key, "not a real key\n");
        File.WriteAllText(key + ".pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAdminKeyForTests admin@test\n");
        return key;
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
}
