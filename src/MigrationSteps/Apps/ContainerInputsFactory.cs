using System.Text;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Builds the template inputs of an application's containers for one host.</summary>
public sealed class ContainerInputsFactory(TemplateRenderer templates, HostInventory inventory)
{
    /// <summary>The first of the ports moves lease for their page servers.</summary>
    public const int PageServerBasePort = 27100;

    public Cidr AppSubnet { get; } = Cidr.Parse(inventory.AppSubnet);

    public string Gateway => AppSubnet.Host(1).ToString();

    /// <param name="pagePorts">The move's page-server ports, one per container (see MoveLease); without them, the first ports of the range, for a plan that only shows them.</param>
    public IReadOnlyList<ContainerInputs> For(AppDefinition app, string host, string runId = "", IReadOnlyList<int>? pagePorts = null)
    {
        Validate(app);
        return app.Containers.Select((c, index) =>
        {
            var naming = new ContainerNaming(inventory.Stack, app.Name, c);
            var config = templates.Render(new ConfigInputs(
                c.Command,
                ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", .. c.Environment],
                c.Name,
                naming.CgroupsPath(host),
                (long)c.MemoryMb << 20,
                naming.NetnsPath,
                naming.CriuConfig));
            return new ContainerInputs(
                naming.Id, naming.Bundle, naming.Netns, naming.Veth, c.Address, Gateway,
                c.Ports.Count > 0 ? c.Ports[0].ToString() : "",
                runId.Length > 0 ? naming.Images(runId) : "",
                config,
                (pagePorts?[index] ?? PageServerBasePort + index).ToString(),
                c.Files.Select(f => new FileInput(f.Path, Convert.ToBase64String(Encoding.UTF8.GetBytes(f.Content)), f.Mode)).ToList(),
                c.Health?.HttpPath ?? "",
                c.Health?.Send ?? "",
                c.Health?.Expect ?? "");
        }).ToList();
    }

    public void Validate(AppDefinition app)
    {
        foreach (var c in app.Containers)
        {
            var address = System.Net.IPAddress.Parse(c.Address);
            if (!AppSubnet.Contains(address) || c.Address == Gateway)
            {
                throw new AppException($"container {app.Name}/{c.Name}: address {c.Address} must lie in the stack's apps subnet {AppSubnet} and not be its gateway {Gateway}");
            }
        }
    }
}
