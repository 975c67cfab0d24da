using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>The HAProxy front: renders its config for the published services and starts or seamlessly reloads it.</summary>
public static class FrontDoor
{
    public static async Task<string> ApplyAsync(InventoryHost front, IRemoteShell shell, TemplateRenderer templates, IReadOnlyList<FrontService> services, CancellationToken cancellationToken = default)
    {
        var config = templates.Render("haproxy/haproxy.cfg", new { Services = services.Select(s => new { s.Name, s.Mode, s.Bind, s.FrontPort, s.Address, s.Port, s.Http, Maxconn = FrontService.Maxconn }) });
        var result = await shell.RunScriptAsync(front, templates.Render("haproxy/apply.sh", new { Config = config }), cancellationToken: cancellationToken);
        return result.Succeeded
            ? result.StandardOutput.Trim()
            : throw new InvalidOperationException($"HAProxy on {front.Name} failed (exit {result.ExitCode}): {result.Tail()}");
    }
}
