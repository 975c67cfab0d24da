using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Files;
using Ferry.Stacks.Local;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Tests.Local;

/// <summary>Boots the default stack (under a test name and management range) once for the tests that share it, and removes it after.</summary>
public sealed class LocalCloudFixture : IAsyncLifetime
{
    public static StackDefinition TestStack(string name, string management) =>
        StackFile.Load(Path.Combine(RepoPaths.Stacks, "local.yaml")) with
        {
            Name = name,
            Network = NetworkDefinition.Default with { Management = Cidr.Parse(management) },
        };

    public LocalCloud Cloud { get; } = new(TestStack("fstacks", "10.249.0.0/24"), new LocalScript(new TemplateRenderer()));

    public HostInventory Inventory { get; private set; } = null!;

    public SshTransport Ssh { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var image = new HostImage(new LocalScript(new TemplateRenderer()));
        await image.BuildAsync();
        Inventory = await Cloud.UpAsync(image);
        Ssh = new SshTransport(Inventory, Cloud.SshOptions);
    }

    public async Task DisposeAsync() => await Cloud.DownAsync();

    public async Task<string> RunAsync(string host, params string[] command)
    {
        var result = await Ssh.RunAsync(host, command, TimeSpan.FromSeconds(60));
        Assert.True(result.Succeeded, $"{host}: {string.Join(' ', command)} exited {result.ExitCode}: {result.Tail()}");
        return result.StandardOutput.Trim();
    }
}
