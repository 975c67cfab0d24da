using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Files;
using Ferry.Stacks.Local;
using Ferry.Stacks.Model;
using Xunit;

namespace Ferry.TestSupport;

/// <summary>
/// The default stack booted for real under a test name and management range (so a test stack never
/// meets a user's), taken down again when the tests that share it are done.
/// </summary>
public class LocalStack : IAsyncLifetime
{
    public LocalStack(string name, string management)
        : this(Define(name, management))
    {
    }

    /// <summary>A stack read from a file (one a command under test loads too); its name and management range must be the test's own.</summary>
    public LocalStack(StackDefinition stack)
    {
        Stack = stack;
        Cloud = new LocalCloud(Stack, new LocalScript(Templates));
    }

    /// <summary>The default stack under another name and management range.</summary>
    public static StackDefinition Define(string name, string management) =>
        StackFile.Load(Path.Combine(RepoPaths.Stacks, "local.yaml")) with
        {
            Name = name,
            Network = NetworkDefinition.Default with { Management = Cidr.Parse(management) },
        };

    public StackDefinition Stack { get; }

    public TemplateRenderer Templates { get; } = new();

    public LocalCloud Cloud { get; }

    public HostInventory Inventory { get; private set; } = null!;

    /// <summary>The shell the tests run their commands through; closed before the stack goes down.</summary>
    public SshNetShell Ssh { get; } = new();

    public HostImage Image => new(new LocalScript(Templates));

    /// <summary>The controller's connections to the stack's hosts, with the templates.</summary>
    public RemoteContext Remote => new(Ssh, Templates);

    public virtual async Task InitializeAsync()
    {
        await Image.BuildAsync();
        Inventory = await Cloud.UpAsync(Image);
    }

    public virtual async Task DisposeAsync()
    {
        await Ssh.DisposeAsync();
        await Cloud.DownAsync();
    }

    /// <summary>Runs a command on a host and returns its trimmed output; a non-zero exit fails the test.</summary>
    public Task<string> RunAsync(string host, params string[] command) => HostCommand.RunAsync(Ssh, Inventory.Host(host), command);
}
