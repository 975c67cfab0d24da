using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;
using Ferry.Stacks.Pulumi;

namespace Ferry.Cli;

/// <summary>
/// The real-cloud side of the commands: renders a <c>kind: pulumi</c> stack's program beside its stack file
/// and drives the Pulumi CLI on it (up, destroy, stack output), ending in the same inventory the local cloud writes.
/// </summary>
public sealed class PulumiDeployment
{
    private readonly CliContext _context;
    private readonly Action<string> _say;
    private (string KeyPath, PulumiCli Cli)? _prepared;

    public PulumiDeployment(CliContext context, Action<string> say)
    {
        if (context.Stack.Kind != StackKind.Pulumi)
        {
            throw new PulumiRenderException(context.Stack, $"stack '{context.Stack.Name}' is kind: {context.Stack.Kind.ToString().ToLowerInvariant()}; this needs a kind: pulumi stack");
        }

        _context = context;
        _say = say;
    }

    private string Name => _context.Stack.Name;

    private string Dir => _context.ProgramDirectory;

    /// <summary>Renders the program into <see cref="CliContext.ProgramDirectory"/>, writing only what changed.</summary>
    public void Render()
    {
        var program = PulumiStack.Render(_context.Stack, CloudInitTemplates.Load(_context.Templates.Root));
        var changed = PulumiProgramWriter.WriteToDirectory(Dir, new RenderedProgram(_context.Stack, program.ToYaml()));
        _say($"{Path.Combine(Dir, PulumiProgramWriter.ProgramFile)}: {(changed ? "changed" : "unchanged")}");
    }

    /// <summary>Renders, selects the stack with its SSH key set, and shows what <c>pulumi up</c> would change.</summary>
    public async Task PreviewAsync(string keyPath, CancellationToken ct)
    {
        var cli = await PrepareAsync(keyPath, null, ct);
        await cli.Preview(Dir, Name, ct);
    }

    /// <summary>Renders, deploys with <c>pulumi up</c>, and writes the inventory from the stack's outputs.</summary>
    public async Task<HostInventory> UpAsync(string keyPath, string? knownHostsPath, CancellationToken ct)
    {
        var cli = await PrepareAsync(keyPath, knownHostsPath, ct);
        await cli.Up(Dir, Name, ct);
        try
        {
            return SaveInventory(await cli.StackOutputJson(Dir, Name, ct), keyPath, knownHostsPath);
        }
        catch (InventoryException e)
        {
            throw new InventoryException(
                $"{e.Message}. The hosts are up; once their keys are pinned, write the inventory with: " +
                $"ferry inventory --from-pulumi --stack {_context.StackPath} --key {keyPath} --known-hosts FILE");
        }
    }

    /// <summary>Renders, selects the stack and sets its key, once per deployment (an up after a preview reuses it).</summary>
    private async Task<PulumiCli> PrepareAsync(string keyPath, string? knownHostsPath, CancellationToken ct)
    {
        void CheckKnownHosts()
        {
            if (knownHostsPath is not null)
            {
                KnownHostsFile.Load(knownHostsPath);
            }
        }

        if (_prepared is { } prepared && prepared.KeyPath == keyPath)
        {
            CheckKnownHosts();
            return prepared.Cli;
        }

        Render();
        var cli = Cli();
        var publicKeyPath = keyPath + ".pub";
        if (!File.Exists(publicKeyPath))
        {
            throw new UsageException($"no public key at {publicKeyPath}: pass --key with the private key whose .pub the hosts should accept (ssh-keygen -t ed25519 makes a pair)");
        }

        CheckKnownHosts();
        await cli.SelectStack(Dir, Name, ct);
        await cli.SetConfig(Dir, Name, PulumiStack.SshPublicKeyConfig, (await File.ReadAllTextAsync(publicKeyPath, ct)).Trim(), secret: false, ct);
        _prepared = (keyPath, cli);
        return cli;
    }

    /// <summary>Destroys every resource with <c>pulumi destroy</c> and removes the stale inventory.</summary>
    public async Task DownAsync(CancellationToken ct)
    {
        var cli = Cli();
        await cli.Destroy(Dir, Name, ct);
        if (File.Exists(_context.InventoryPath))
        {
            File.Delete(_context.InventoryPath);
        }
    }

    /// <summary>The deployed stack's outputs, read with the Pulumi CLI (secrets shown).</summary>
    public Task<string> OutputsAsync(CancellationToken ct) => Cli().StackOutputJson(Dir, Name, ct);

    private PulumiCli Cli()
    {
        var environment = PulumiPassphrase.Environment(_context.StackDirectory, Environment.GetEnvironmentVariable);
        if (environment.TryGetValue(PulumiPassphrase.FileVariable, out var file))
        {
            _say($"pulumi secrets passphrase: {file} (set {PulumiPassphrase.Variable} to use your own)");
        }

        return PulumiCli.Locate(output: _say, environment: environment);
    }

    /// <summary>Turns <c>pulumi stack output --json --show-secrets</c> into the inventory and saves it where the local cloud does.</summary>
    public HostInventory SaveInventory(string outputsJson, string keyPath, string? knownHostsPath)
    {
        var inventory = PulumiOutputs.ToInventory(_context.Stack, outputsJson, Path.GetFullPath(keyPath), knownHostsPath);
        inventory.Save(_context.InventoryPath);
        return inventory;
    }
}
