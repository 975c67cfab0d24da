using System.CommandLine;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry inventory --from-pulumi</c>: turns a Pulumi stack's outputs into the inventory and saves it.</summary>
public static class InventoryCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var fromPulumi = new Option<bool>("--from-pulumi") { Description = "build the inventory from the pulumi stack's outputs" };
        var outputs = new Option<string?>("--outputs")
        {
            Description = "the output of pulumi stack output --json --show-secrets: a file, or - for standard input (default: run the Pulumi CLI)",
        };
        var key = CommonOptions.Key();
        var knownHosts = CommonOptions.KnownHosts();
        var json = CommonOptions.Json();
        var command = new Command("inventory", "write a real-cloud stack's inventory from its Pulumi outputs") { stack, fromPulumi, outputs, key, knownHosts, json };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            if (!parse.GetValue(fromPulumi))
            {
                throw new UsageException("say where the inventory comes from: --from-pulumi (local stacks write theirs on ferry up)");
            }

            await using var context = CliContext.Load(parse.GetValue(stack)!);
            var deployment = new PulumiDeployment(context, StackCloud.Say);
            var text = parse.GetValue(outputs) switch
            {
                null => await deployment.OutputsAsync(ct),
                "-" => await Console.In.ReadToEndAsync(ct),
                var path when File.Exists(path) => await File.ReadAllTextAsync(path, ct),
                var path => throw new UsageException($"no outputs file at {path}; write one with: pulumi stack output --json --show-secrets --stack {context.Stack.Name} > {path}"),
            };
            var inventory = deployment.SaveInventory(text, parse.GetValue(key)!, parse.GetValue(knownHosts));
            if (parse.GetValue(json))
            {
                Console.WriteLine(inventory.ToJson());
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"inventory: {context.InventoryPath} ({inventory.Hosts.Count} hosts)");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
