using System.Diagnostics;
using Ferry.MigrationSteps.Hosts;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;
using Ferry.Stacks.Model;
using Spectre.Console;

namespace Ferry.Cli;

/// <summary>The one place that picks a cloud by the stack's kind: namespaces on this machine, or real clouds through Pulumi.</summary>
public static class StackCloud
{
    /// <summary>Boots the stack's hosts and writes the inventory; <paramref name="keyPath"/> and <paramref name="knownHostsPath"/> apply to Pulumi stacks only.</summary>
    public static async Task<int> UpAsync(CliContext context, string keyPath, string? knownHostsPath, CancellationToken ct)
    {
        var inventory = context.IsTwin ? await context.Twin.UpAsync(context.TwinImage, Say, ct) : context.Stack.Kind switch
        {
            StackKind.Local => await context.Local.UpAsync(context.HostImage, Say, ct),
            StackKind.Pulumi => await ProvisionAsync(context, await new PulumiDeployment(context, Say).UpAsync(keyPath, knownHostsPath, ct), ct),
            _ => throw new UnreachableException($"stack kind {context.Stack.Kind}"),
        };
        // What the hosts can do for migrations is learned once, here, so a migration only asks what changes. A cloud's
        // hosts may still be booting when pulumi returns; there the first migration learns them.
        if (context.Stack.Kind == StackKind.Local || context.IsTwin)
        {
            await new HostFactsCache(context.Remote, context.StackDirectory).LearnAllAsync(inventory, ct);
        }
        AnsiConsole.MarkupLineInterpolated($"inventory: {context.InventoryPath} ({inventory.Hosts.Count} hosts)");
        return ExitCodes.Ok;
    }

    /// <summary>The one provisioning path, after an inventory a cloud wrote (the local cloud and twins run it inside their up).</summary>
    public static async Task<HostInventory> ProvisionAsync(CliContext context, HostInventory inventory, CancellationToken ct)
    {
        Directory.CreateDirectory(context.StackDirectory);
        await Provisioner.RunAsync(context.Remote, inventory, context.Provisioning, Say, ct);
        return inventory;
    }

    public static async Task<int> DownAsync(CliContext context, CancellationToken ct)
    {
        if (context.IsTwin)
        {
            await context.Twin.DownAsync(Say, ct);
            return ExitCodes.Ok;
        }

        switch (context.Stack.Kind)
        {
            case StackKind.Local:
                await context.Local.DownAsync(Say, ct);
                break;
            case StackKind.Pulumi:
                await new PulumiDeployment(context, Say).DownAsync(ct);
                break;
            default:
                throw new UnreachableException($"stack kind {context.Stack.Kind}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Progress lines, dimmed so results stand out.</summary>
    public static void Say(string line) => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
}
