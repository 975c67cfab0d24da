using Ferry.Provisioning.Network;
using Ferry.Stacks.Files;
using Ferry.Stacks.Model;
using Ferry.Stacks.Pulumi;
using Ferry.TestSupport;

namespace Ferry.Stacks.Tests.Pulumi;

/// <summary>Stacks and templates the Pulumi tests render.</summary>
public static class TestStacks
{
    public static CloudInitTemplates Templates { get; } = CloudInitTemplates.Load(RepoPaths.Templates);

    public static string Render(StackDefinition stack) => PulumiStack.Render(stack, Templates).ToYaml();

    public static StackDefinition Load(string name) => StackFile.Load(Path.Combine(RepoPaths.Stacks, $"{name}.yaml"));

    /// <summary>One cloud in two regions; sshCidr is written only when given.</summary>
    public static StackDefinition SameCloud(string cloud, string? sshCidr = "198.51.100.7/32")
    {
        var (first, second) = cloud switch
        {
            "aws" => ("region: us-east-1", "region: eu-west-1"),
            "gcp" => ("{ region: us-central1, zone: us-central1-a, project: ferry-a }", "{ region: europe-west1, zone: europe-west1-b, project: ferry-a }"),
            _ => ("region: eastus", "region: westeurope"),
        };
        string Site(string name, string placement, string subnet) => placement.StartsWith('{')
            ? $"  - name: {name}\n    cloud: {cloud}\n    subnet: {subnet}\n    {placement[2..^2].Replace(", ", "\n    ", StringComparison.Ordinal)}\n    hosts: [{{ name: {name}-gw, role: gateway }}, {{ name: {name}-w1, role: workload }}]\n"
            : $"  - name: {name}\n    cloud: {cloud}\n    subnet: {subnet}\n    {placement}\n    hosts: [{{ name: {name}-gw, role: gateway }}, {{ name: {name}-w1, role: workload }}]\n";
        var admin = sshCidr is null ? "" : $"admin: {{ sshCidr: {sshCidr}, user: ferry }}\n";
        var text = $"name: same-{cloud}\nkind: pulumi\n{admin}sites:\n"
            + Site("east", first, "10.20.1.0/24")
            + Site("west", second, "10.20.2.0/24")
            + "front: { name: front, site: east }\nclient: { name: client, site: west }\n";
        return StackFile.Parse($"same-{cloud}.yaml", text);
    }
}
