using System.Globalization;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Sampling;

/// <summary>Samples a running application on its source host before an automatic strategy choice.</summary>
public sealed class AppSampler(RemoteContext remote)
{
    /// <summary>How long memory use is watched, for rewrites and then for touches (reading memory to find rewrites touches all of it).</summary>
    public const double Seconds = 1.0;

    /// <summary>Sent through the tunnel when the stack does not say the link's rate: long enough to leave TCP's slow start at 100 Mbit/s.</summary>
    public const long MeasureBytes = 8 << 20;

    private static readonly ScriptTask<SampleInputs> Task = new(Timeouts.Query);

    /// <param name="linkBitsPerSecond">The stack's link rate, or null to measure it.</param>
    public async Task<AppSample> SampleAsync(InventoryHost source, InventoryHost target, IReadOnlyList<string> ids, double? linkBitsPerSecond, CancellationToken cancellationToken)
    {
        var output = await Task.RunAsync(remote, source, new SampleInputs(ids, Seconds, target.PrivateIp, linkBitsPerSecond is null ? MeasureBytes : 0), cancellationToken: cancellationToken);
        double Number(string key) => double.Parse(output.Require(key), CultureInfo.InvariantCulture);
        return new AppSample(
            (long)Number(OutputKeys.SampleMemoryBytes), Number(OutputKeys.SampleDirtyRate), Number(OutputKeys.SampleTouchRate),
            linkBitsPerSecond is { } bits ? bits / 8 : Number(OutputKeys.LinkRate),
            linkBitsPerSecond is null ? AppSample.Measured : AppSample.FromStack,
            (long)Number(OutputKeys.SampleWorkingSet),
            (long)Number(OutputKeys.SampleDirtySet));
    }
}
