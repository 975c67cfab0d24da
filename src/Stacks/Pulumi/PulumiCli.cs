using Ferry.Provisioning.Processes;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// Runs the Pulumi CLI on a rendered program folder (<see cref="PulumiProgramWriter.ProgramDirectory"/>).
/// Arguments go through <see cref="ProcessStartInfo.ArgumentList"/>, never a shell, and secrets go in on
/// standard input so they never appear in a process listing.
/// </summary>
public sealed class PulumiCli
{
    public const string InstallHint = "install the Pulumi CLI (https://www.pulumi.com/docs/install/) and run `pulumi login --local`";

    private const int ErrorTailLines = 20;
    private readonly Action<string>? _output;
    private readonly Dictionary<string, string> _environment;

    /// <param name="environment">Added to the CLI's environment, e.g. <see cref="PulumiPassphrase.Environment"/>.</param>
    public PulumiCli(string executable, Action<string>? output = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        Executable = executable;
        _output = output;
        _environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["PULUMI_SKIP_UPDATE_CHECK"] = "true" };
    }

    public string Executable { get; }

    /// <summary>Finds <c>pulumi</c> on PATH (or <paramref name="pathVariable"/>), then in the installer's ~/.pulumi/bin.</summary>
    public static PulumiCli Locate(string? pathVariable = null, Action<string>? output = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dirs = (pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        if (pathVariable is null)
        {
            dirs.Add(System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pulumi", "bin"));
        }

        var name = OperatingSystem.IsWindows() ? "pulumi.exe" : "pulumi";
        var found = dirs.Select(d => System.IO.Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return found is not null
            ? new PulumiCli(found, output, environment)
            : throw new PulumiCliException($"the Pulumi CLI ('{name}') is not on PATH: {InstallHint}", notInstalled: true);
    }

    public static IReadOnlyList<string> SelectArguments(string stack) => ["stack", "select", "--create", "--non-interactive", stack];

    public static IReadOnlyList<string> ConfigSetArguments(string stack, string key, bool secret) =>
        secret ? ["config", "set", "--secret", "--stack", stack, key] : ["config", "set", "--stack", stack, key];

    public static IReadOnlyList<string> PreviewArguments(string stack) => ["preview", "--non-interactive", "--stack", stack];

    public static IReadOnlyList<string> UpArguments(string stack) => ["up", "--yes", "--non-interactive", "--skip-preview", "--stack", stack];

    public static IReadOnlyList<string> DestroyArguments(string stack) => ["destroy", "--yes", "--non-interactive", "--skip-preview", "--stack", stack];

    public static IReadOnlyList<string> OutputArguments(string stack) => ["stack", "output", "--json", "--show-secrets", "--stack", stack];

    /// <summary>Selects the stack, creating it on first use (<c>pulumi stack select --create</c>).</summary>
    public Task SelectStack(string dir, string stack, CancellationToken ct) => Run(dir, SelectArguments(stack), null, ct);

    /// <summary>Sets one config key; the value goes in on standard input.</summary>
    public Task SetConfig(string dir, string stack, string key, string value, bool secret, CancellationToken ct) =>
        Run(dir, ConfigSetArguments(stack, key, secret), value, ct);

    public Task Preview(string dir, string stack, CancellationToken ct) => Run(dir, PreviewArguments(stack), null, ct);

    public Task Up(string dir, string stack, CancellationToken ct) => Run(dir, UpArguments(stack), null, ct);

    public Task Destroy(string dir, string stack, CancellationToken ct) => Run(dir, DestroyArguments(stack), null, ct);

    /// <summary>The stack's outputs as JSON, secrets shown; feed it to <see cref="PulumiOutputs.ToInventory"/>.</summary>
    public Task<string> StackOutputJson(string dir, string stack, CancellationToken ct) => Run(dir, OutputArguments(stack), null, ct, echo: false);

    private async Task<string> Run(string dir, IReadOnlyList<string> arguments, string? stdin, CancellationToken ct, bool echo = true)
    {
        if (!Directory.Exists(dir))
        {
            throw new PulumiCliException($"no program folder {dir}; render the stack first");
        }

        var command = $"pulumi {string.Join(' ', arguments)}";
        CommandResult result;
        try
        {
            result = await ProcessRunner.RunAsync(Executable, arguments, stdin, echo ? _output : null, timeout: null,
                environment: _environment, cancellationToken: ct, workingDirectory: dir);
        }
        catch (ProgramNotFoundException e)
        {
            throw new PulumiCliException($"{command}: {e.Message}");
        }

        if (!result.Succeeded)
        {
            throw new PulumiCliException($"{command} (in {dir}) failed with exit code {result.ExitCode}:\n{result.Tail(ErrorTailLines)}");
        }

        return result.StandardOutput;
    }
}
