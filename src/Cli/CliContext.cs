using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Files;
using Ferry.Stacks.Local;
using Ferry.Stacks.Model;

namespace Ferry.Cli;

/// <summary>Turns a stack path into the objects commands work with.</summary>
public sealed class CliContext
{
    private CliContext(StackDefinition stack)
    {
        Stack = stack;
        Templates = new TemplateRenderer();
        Scripts = new LocalScript(Templates);
        Local = new LocalCloud(stack, Scripts);
    }

    public StackDefinition Stack { get; }

    public TemplateRenderer Templates { get; }

    public LocalScript Scripts { get; }

    public LocalCloud Local { get; }

    public HostImage HostImage => new(Scripts);

    /// <summary>The host image, without a stack.</summary>
    public static HostImage Image() => new(new LocalScript(new TemplateRenderer()));

    public static CliContext Load(string stackPath) => new(StackFile.Load(stackPath));

    public HostInventory Inventory() => HostInventory.Load(Local.InventoryPath);

    public SshTransport Ssh(HostInventory inventory) => new(inventory, Local.SshOptions);
}
