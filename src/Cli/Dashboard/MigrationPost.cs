using System.Text.Json;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Files;
using Ferry.Provisioning.Inventory;

namespace Ferry.Cli.Dashboard;

/// <summary>
/// The body of <c>POST /api/migrations</c>, <c>{app, from, to, strategy, probe}</c>, turned into the same
/// <see cref="MigrationRequest"/> <c>ferry migrate</c> builds; anything wrong is a <see cref="UsageException"/>
/// that names the field and what it takes.
/// </summary>
public sealed record MigrationPost(MigrationRequest Request, int Probe, HostInventory Inventory)
{
    private static readonly string[] Strategies = Enum.GetNames<StrategyKind>().Select(n => n.ToLowerInvariant()).ToArray();

    public static MigrationPost Parse(string body, CliContext context)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "null" : body).RootElement;
        }
        catch (JsonException e)
        {
            throw new UsageException($"the body is not JSON ({e.Message}); send {{\"app\": \"counter\", \"from\": \"aws-w1\", \"to\": \"gcp-w1\", \"strategy\": \"auto\", \"probe\": 0}}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new UsageException("the body must be a JSON object: {\"app\", \"from\", \"to\", \"strategy\", \"probe\"}");
        }

        // Only a well-formed body gets as far as the stack (which may be down).
        var inventory = context.Inventory();
        var deployed = AppPlacement.All(context.StackDirectory).Select(p => p.App).ToList();
        var name = Text(root, "app", $"an application deployed on stack '{inventory.Stack}' ({Known(deployed)})");
        AppDefinition app;
        try
        {
            app = context.App(name);
        }
        catch (YamlFileException e)
        {
            throw new UsageException($"app: {e.Message}");
        }

        var workloads = Known(inventory.WithRole(HostRole.Workload).Select(h => h.Name));
        var from = Host(root, "from", inventory, $"the workload host {name} runs on ({AppPlacement.Load(context.StackDirectory, name)?.Host ?? "it is not deployed"})");
        var to = Host(root, "to", inventory, $"the workload host to move it to ({workloads})");
        var strategyText = Text(root, "strategy", $"one of {string.Join(", ", Strategies)}");
        if (!Strategies.Contains(strategyText))
        {
            throw new UsageException($"strategy: unknown strategy '{strategyText}'; use one of {string.Join(", ", Strategies)}");
        }

        var probe = 0;
        if (root.TryGetProperty("probe", out var p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out probe) || probe < 0)
            {
                throw new UsageException($"probe: expected a number of concurrent clients (0 for none, at most {ProbeOptions.MaxClients}), got {p.GetRawText()}");
            }

            if (probe > 0)
            {
                try
                {
                    new ProbeOptions(probe).Validate();
                }
                catch (ArgumentException e)
                {
                    throw new UsageException($"probe: {e.Message.Replace("--probe ", "")}");
                }

                if (FrontServices.For(app, inventory).Count == 0)
                {
                    throw new UsageException($"probe: application {app.Name} is not published on the front (no 'front:' in its file); the probe only talks to the front, so send 0");
                }
            }
        }

        var request = new MigrationRequest(app, from, to, Enum.Parse<StrategyKind>(strategyText, ignoreCase: true), context.CompressByDefault);
        try
        {
            // The checks ferry migrate makes before it touches a host: workload hosts, two of them, the app on the source.
            context.Migrator(inventory).Check(request);
        }
        catch (AppException e)
        {
            throw new UsageException(e.Message);
        }

        return new MigrationPost(request, probe, inventory);
    }

    private static string Text(JsonElement root, string field, string expected)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null || value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0)
        {
            throw new UsageException($"{field}: missing; expected {expected}");
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new UsageException($"{field}: expected a string, {expected}; got {value.GetRawText()}");
    }

    private static string Host(JsonElement root, string field, HostInventory inventory, string expected)
    {
        var name = Text(root, field, expected);
        try
        {
            return inventory.Host(name).Name;
        }
        catch (InventoryException e)
        {
            throw new UsageException($"{field}: {e.Message}");
        }
    }

    private static string Known(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
