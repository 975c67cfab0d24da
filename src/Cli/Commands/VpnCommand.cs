using System.CommandLine;
using System.Text.Json;
using Ferry.Provisioning.Vpn;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry vpn status|up</c>: the IPsec tunnels between the sites' gateways.</summary>
public static class VpnCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create() => new("vpn", "the IPsec tunnels between the sites' gateways") { Status(), Up() };

    private static Command Status()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var json = CommonOptions.Json();
        var command = new Command("status", "each gateway's SAs with state and byte/packet counters; exits non-zero unless every tunnel is up") { stack, twin, json };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin));
            var inventory = context.Inventory();
            var statuses = await new VpnProbe(context.Remote).QueryAllAsync(inventory, ct);
            var up = GatewayVpnStatus.AllEstablished(statuses);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { stack = inventory.Stack, established = up, gateways = statuses }, Json));
                return up ? ExitCodes.Ok : ExitCodes.Failed;
            }

            var table = new Table().AddColumns("gateway", "peer", "state", "esp", "tunnel", "in bytes/pkts", "out bytes/pkts");
            foreach (var s in statuses)
            {
                if (s.Sas.Count == 0)
                {
                    table.AddRow(Markup.Escape(s.Gateway), "", $"[red]{Markup.Escape(s.Problem ?? s.Daemon)}[/]", "", "", "", "");
                }

                foreach (var ike in s.Sas)
                {
                    foreach (var child in ike.Children.DefaultIfEmpty())
                    {
                        var state = child is null ? $"{ike.State}, no child SA" : ike.State == IkeSa.Established ? child.State : $"{ike.State}/{child.State}";
                        var tunnel = child is null ? "" : $"{string.Join(',', child.LocalTs)} <-> {string.Join(',', child.RemoteTs)}";
                        table.AddRow(Markup.Escape(s.Gateway), ike.RemoteHost,
                            child?.IsInstalled == true && ike.State == IkeSa.Established ? $"[green]{state}[/]" : $"[red]{Markup.Escape(state)}[/]",
                            child?.Encryption ?? "", tunnel, child is null ? "" : $"{child.BytesIn}/{child.PacketsIn}", child is null ? "" : $"{child.BytesOut}/{child.PacketsOut}");
                    }
                }
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(up ? "[green]VPN established[/]"
                : statuses.Any(s => s.Daemon == GatewayVpnStatus.NotConfigured) ? "[red]VPN not configured[/]: set 'vpn: { enabled: true }' in the stack file, then 'ferry down' and 'ferry up'"
                : "[red]VPN not established[/]: run 'ferry vpn up'");
            return up ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    private static Command Up()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var command = new Command("up", "bring the tunnels up (again) on a running local stack; what is up is left alone") { stack, twin };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin));
            if (context.Stack.Kind == Ferry.Stacks.Model.StackKind.Local)
            {
                await context.Local.StartVpnAsync(context.Inventory(), StackCloud.Say, ct);
            }
            else
            {
                await Ferry.Provisioning.Playbooks.Provisioner.StartVpnAsync(context.Remote, context.Inventory(), context.Provisioning, StackCloud.Say, ct);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
