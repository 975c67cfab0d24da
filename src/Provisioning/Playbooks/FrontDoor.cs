using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.Provisioning.Playbooks;

/// <summary>The HAProxy front: renders its config for the published services and starts or seamlessly reloads it.</summary>
public sealed class FrontDoor : RemoteTask<FrontApplyInputs, string>
{
    public override TimeSpan Timeout => Timeouts.Configure;

    /// <returns>unchanged, reloaded or started.</returns>
    public static Task<string> ApplyAsync(RemoteContext remote, InventoryHost front, IReadOnlyList<FrontService> services, CancellationToken cancellationToken = default) =>
        new FrontDoor().RunAsync(remote, front, new FrontApplyInputs(remote.Templates.Render(new HaproxyConfigInputs(services))), cancellationToken: cancellationToken);

    protected override string Parse(ScriptOutput output) => output.Require(OutputKeys.FrontConfig);
}
