using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.Provisioning.Playbooks;

/// <summary>
/// Waits on every host for cloud-init's first boot and Ferry's first-boot marker; a failure or a timeout
/// carries the tail of the host's cloud-init log. Hosts without cloud-init report "none".
/// </summary>
public sealed class FirstBoot(TimeSpan timeout) : RemoteTask<FirstBootInputs, string>
{
    public override TimeSpan Timeout => timeout + Timeouts.Query;

    /// <returns>Each host's first-boot report, by host name.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> WaitAsync(RemoteContext remote, HostInventory inventory, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? Timeouts.FirstBoot;
        var task = new FirstBoot(limit);
        var reports = await Task.WhenAll(inventory.Hosts.Select(async h =>
            (h.Name, Report: await task.RunAsync(remote, h, new FirstBootInputs((int)limit.TotalSeconds), cancellationToken: cancellationToken))));
        return reports.ToDictionary(r => r.Name, r => r.Report);
    }

    protected override string Parse(ScriptOutput output) => output.Require(OutputKeys.FirstBoot);
}
