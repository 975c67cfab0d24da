using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Probe;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Files;
using Ferry.Stacks.Local;
using Ferry.Stacks.Model;
using Ferry.Stacks.Twin;
using Ferry.Provisioning.Playbooks;

namespace Ferry.Cli;

/// <summary>Turns a stack path into the objects commands work with; disposing it closes its SSH connections.</summary>
public sealed class CliContext : IAsyncDisposable
{
    private LocalCloud? _local;
    private LocalTwin? _twin;
    private SshNetShell? _shell;

    private CliContext(string stackPath, StackDefinition stack, bool twin)
    {
        StackPath = stackPath;
        Stack = stack;
        IsTwin = twin;
        Templates = new TemplateRenderer();
        Scripts = new LocalScript(Templates);
    }

    public string StackPath { get; }

    public StackDefinition Stack { get; }

    public TemplateRenderer Templates { get; }

    public LocalScript Scripts { get; }

    public LocalCloud Local => _local ??= new LocalCloud(Stack, Scripts);

    /// <summary>Whether commands act on the stack's local twin (<c>--twin</c>) rather than on its real clouds.</summary>
    public bool IsTwin { get; }

    public LocalTwin Twin => _twin ??= new LocalTwin(Stack, Scripts);

    public TwinImage TwinImage => new(HostImage, Scripts);

    /// <summary>The name the stack's state is kept under: the twin's own name with --twin.</summary>
    public string StateName => IsTwin ? Twin.Name : Stack.Name;

    /// <summary>What the provisioning path needs for this stack (or its twin).</summary>
    public ProvisioningOptions Provisioning => LocalCloud.ProvisioningFor(Stack, StackDirectory);

    public HostImage HostImage => new(Scripts);

    /// <summary>Where the stack's inventory is written, whichever cloud made it.</summary>
    public string InventoryPath => FerryPaths.Inventory(StateName);

    /// <summary>The stack's rendered Pulumi program: <c>pulumi/&lt;name&gt;/</c> beside the stack file (stacks/pulumi/&lt;name&gt;/ in the repository).</summary>
    public string ProgramDirectory => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(StackPath))!, "pulumi", Stack.Name);

    /// <summary>The host image, without a stack.</summary>
    public static HostImage Image() => new(new LocalScript(new TemplateRenderer()));

    public static CliContext Load(string stackPath, bool twin = false)
    {
        var stack = StackFile.Load(stackPath);
        return twin && stack.Kind != StackKind.Pulumi
            ? throw new UsageException($"--twin: {stackPath} is kind: {stack.Kind.ToString().ToLowerInvariant()}; a twin stands in for a kind: pulumi stack (e.g. stacks/aws-gcp.yaml)")
            : new(stackPath, stack, twin);
    }

    public HostInventory Inventory() => HostInventory.Load(InventoryPath);

    /// <summary>The shell every command of this run shares: one SSH connection per host.</summary>
    public SshNetShell Shell => _shell ??= new SshNetShell(new SshOptions());

    /// <summary>The OpenSSH client's arguments for a person's shell on a host.</summary>
    public OpenSshCommand OpenSsh(HostInventory inventory) => new(inventory, Path.Combine(FerryPaths.Stack(StateName), "ssh"), new SshOptions());

    /// <summary>The controller's connections to the stack's hosts, with the templates.</summary>
    public RemoteContext Remote => new(Shell, Templates);

    /// <summary>Application files live in apps/ beside the stack file (stacks/apps/ in the repository).</summary>
    public string AppsDirectory => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(StackPath))!, "apps");

    public string StackDirectory => FerryPaths.Stack(StateName);

    public AppDefinition App(string name) => AppFile.Load(AppsDirectory, name);

    /// <summary>
    /// Whether moves compress their images in transit unless told otherwise: on real clouds (the internet
    /// between them) and on a shaped local link slower than 1 Gbit/s, where zstd level 3 keeps ahead of the
    /// link (180 MB/s on one core here); not on an unshaped local link. Measured at 100 Mbit/s with level 1: a
    /// cold counter move's images 8.9 → 2.0 MB, downtime 2.47 → 1.94 s; redis with 64 MiB of random values
    /// 89.5 → 68.2 MB, 10.3 → 8.4 s. Level 3 sends 30% less than level 1 of what WordPress changed in a
    /// freeze (1.38 against 1.97 MB, for 18 ms more of one core).
    /// </summary>
    public bool CompressByDefault => CompressesOn(Stack);

    public static bool CompressesOn(StackDefinition stack) => stack.Kind == StackKind.Pulumi || stack.Link.BandwidthMbit is < 1000;

    public AppDeployer Deployer(HostInventory inventory) =>
        new(Remote, inventory, StackDirectory) { AppsDirectory = AppsDirectory };

    public ClientProbe Probe(HostInventory inventory) => new(Remote, inventory);

    public Migrator Migrator(HostInventory inventory) => new(Remote, inventory, StackDirectory) { LinkBitsPerSecond = LinkBitsPerSecond(Stack) };

    /// <summary>The link's rate where the stack shapes it (the local cloud); elsewhere it is measured.</summary>
    public static double? LinkBitsPerSecond(StackDefinition stack) =>
        stack.Kind == StackKind.Local && stack.Link.BandwidthMbit is { } mbit ? mbit * 1e6 : null;

    /// <summary>The migration a command asked for: with the client probe around it when <paramref name="clients"/> &gt; 0.</summary>
    public IMigration Migration(HostInventory inventory, int clients, Action<ProbeCount>? counts = null) =>
        clients > 0 ? new ProbedMigration(Migrator(inventory), Probe(inventory), new ProbeOptions(clients), counts) : Migrator(inventory);

    public async ValueTask DisposeAsync()
    {
        if (_shell is not null)
        {
            await _shell.DisposeAsync();
        }
    }
}
