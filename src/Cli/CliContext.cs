using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Probe;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Files;
using Ferry.Stacks.Local;
using Ferry.Stacks.Model;

namespace Ferry.Cli;

/// <summary>Turns a stack path into the objects commands work with.</summary>
public sealed class CliContext
{
    private LocalCloud? _local;

    private CliContext(string stackPath, StackDefinition stack)
    {
        StackPath = stackPath;
        Stack = stack;
        Templates = new TemplateRenderer();
        Scripts = new LocalScript(Templates);
    }

    public string StackPath { get; }

    public StackDefinition Stack { get; }

    public TemplateRenderer Templates { get; }

    public LocalScript Scripts { get; }

    public LocalCloud Local => _local ??= new LocalCloud(Stack, Scripts);

    public HostImage HostImage => new(Scripts);

    /// <summary>Where the stack's inventory is written, whichever cloud made it.</summary>
    public string InventoryPath => FerryPaths.Inventory(Stack.Name);

    /// <summary>The stack's rendered Pulumi program: <c>pulumi/&lt;name&gt;/</c> beside the stack file (stacks/pulumi/&lt;name&gt;/ in the repository).</summary>
    public string ProgramDirectory => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(StackPath))!, "pulumi", Stack.Name);

    /// <summary>The host image, without a stack.</summary>
    public static HostImage Image() => new(new LocalScript(new TemplateRenderer()));

    public static CliContext Load(string stackPath) => new(stackPath, StackFile.Load(stackPath));

    public HostInventory Inventory() => HostInventory.Load(InventoryPath);

    public SshTransport Ssh(HostInventory inventory) => new(inventory, new SshOptions(Path.Combine(FerryPaths.Stack(Stack.Name), "ssh")));

    /// <summary>The controller's connections to the stack's hosts, with the templates.</summary>
    public RemoteContext Remote(HostInventory inventory) => new(Ssh(inventory), Templates);

    /// <summary>Application files live in apps/ beside the stack file (stacks/apps/ in the repository).</summary>
    public string AppsDirectory => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(StackPath))!, "apps");

    public string StackDirectory => FerryPaths.Stack(Stack.Name);

    public AppDefinition App(string name) => AppFile.Load(AppsDirectory, name);

    public AppDeployer Deployer(HostInventory inventory) =>
        new(Remote(inventory), inventory, StackDirectory) { AppsDirectory = AppsDirectory };

    public ClientProbe Probe(HostInventory inventory) => new(Remote(inventory), inventory);

    public Migrator Migrator(HostInventory inventory) => new(Remote(inventory), inventory, StackDirectory);

    /// <summary>The migration a command asked for: with the client probe around it when <paramref name="clients"/> &gt; 0.</summary>
    public IMigration Migration(HostInventory inventory, int clients) =>
        clients > 0 ? new ProbedMigration(Migrator(inventory), Probe(inventory), new ProbeOptions(clients)) : Migrator(inventory);
}
