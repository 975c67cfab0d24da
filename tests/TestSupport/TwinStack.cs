using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Files;
using Ferry.Stacks.Local;
using Ferry.Stacks.Model;
using Ferry.Stacks.Twin;
using Xunit;

namespace Ferry.TestSupport;

/// <summary>
/// The local twin of a shipped real-cloud stack, booted for real under a test name and internet range (so it
/// never meets a user's twin), taken down again when the tests that share it are done.
/// </summary>
public class TwinStack : IAsyncLifetime
{
    public TwinStack(string cloudStack, string name, string internet)
    {
        Stack = StackFile.Load(Path.Combine(RepoPaths.Stacks, $"{cloudStack}.yaml")) with
        {
            Name = name,
            Network = StackFile.Load(Path.Combine(RepoPaths.Stacks, $"{cloudStack}.yaml")).Network with { Internet = Cidr.Parse(internet) },
        };
        Twin = new LocalTwin(Stack, new LocalScript(Templates));
    }

    public StackDefinition Stack { get; }

    public TemplateRenderer Templates { get; } = new();

    public LocalTwin Twin { get; }

    public HostInventory Inventory { get; private set; } = null!;

    public SshNetShell Ssh { get; } = new();

    public TwinImage Image => new(new HostImage(new LocalScript(Templates)), new LocalScript(Templates));

    public RemoteContext Remote => new(Ssh, Templates);

    /// <summary>Seconds the twin took to boot and provision.</summary>
    public double UpSeconds { get; private set; }

    public virtual async Task InitializeAsync()
    {
        await Image.BuildAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Inventory = await Twin.UpAsync(Image);
        UpSeconds = clock.Elapsed.TotalSeconds;
    }

    public virtual async Task DisposeAsync()
    {
        await Ssh.DisposeAsync();
        await Twin.DownAsync();
    }

    /// <summary>Runs a command on a host (as root, through the admin user's sudo) and returns its trimmed output.</summary>
    public Task<string> RunAsync(string host, params string[] command) => HostCommand.RunAsync(Ssh, Inventory.Host(host), command);
}
