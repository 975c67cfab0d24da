using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;

namespace Ferry.MigrationSteps.Planning;

/// <summary>Turns a strategy into the ordered steps of one migration.</summary>
public static class PlanBuilder
{
    /// <param name="source">Source containers' inputs (rendered for the source host).</param>
    /// <param name="target">Target containers' inputs (rendered for the target host: its cgroup path differs).</param>
    public static MigrationPlan Build(
        MigrationStrategy strategy,
        HostInventory inventory,
        AppDefinition app,
        string sourceHost,
        string targetHost,
        IReadOnlyList<ContainerInputs> source,
        IReadOnlyList<ContainerInputs> target,
        bool dirtyTracking,
        bool compress)
    {
        if (strategy == MigrationStrategy.Auto)
        {
            throw new ArgumentException("choose a concrete strategy before planning", nameof(strategy));
        }

        var from = inventory.Host(sourceHost);
        var to = inventory.Host(targetHost);
        var ids = source.Select(c => c.Id).ToList();
        var front = inventory.WithRole("front").FirstOrDefault()?.Name;
        var services = front is null ? [] : FrontServices.For(app, inventory).Select(s => s.Name).ToList();
        StepInputs Inputs(IReadOnlyList<ContainerInputs> containers) => new(
            containers, ids, from.PrivateIp, to.PrivateIp, from.PrivateIp,
            strategy == MigrationStrategy.Lazy, strategy == MigrationStrategy.PageServer,
            strategy == MigrationStrategy.Precopy && dirtyTracking, compress, [], false, services, FrontService.Maxconn.ToString());

        var src = Inputs(source);
        var dst = Inputs(target);
        var steps = new List<MigrationStep>
        {
            new(WellKnownSteps.PrepareTarget, targetHost, StepRole.Target, dst, []),
        };
        var beforeCheckpoint = new List<string> { WellKnownSteps.PrepareTarget };
        if (strategy == MigrationStrategy.Precopy)
        {
            steps.Add(new(WellKnownSteps.PreDump, sourceHost, StepRole.Source, src, [WellKnownSteps.PrepareTarget]));
            beforeCheckpoint.Add(WellKnownSteps.PreDump);
        }

        if (services.Count > 0)
        {
            steps.Add(new(WellKnownSteps.Hold, front!, StepRole.Router, src, [.. beforeCheckpoint]));
            beforeCheckpoint.Add(WellKnownSteps.Hold);
        }

        steps.Add(new(WellKnownSteps.Checkpoint, sourceHost, StepRole.Source, src, beforeCheckpoint));
        steps.Add(new(WellKnownSteps.Transfer, sourceHost, StepRole.Source, src, [WellKnownSteps.Checkpoint]));
        steps.Add(new(WellKnownSteps.Restore, targetHost, StepRole.Target, dst, [WellKnownSteps.Transfer]));

        foreach (var (router, routes) in RoutePlan.For(inventory, targetHost, app.Containers.Select(c => c.Address).ToList()))
        {
            steps.Add(new(WellKnownSteps.CutOver, router, StepRole.Router, dst with { Routes = routes, Check = router == front }, [WellKnownSteps.Restore]));
        }

        steps.Add(new(WellKnownSteps.RollbackSource, sourceHost, StepRole.Source, src, [], StepWhen.OnFailure,
            IfCompleted: [WellKnownSteps.Checkpoint], IfNotCompleted: [WellKnownSteps.Restore]));
        steps.Add(new(WellKnownSteps.RollbackTarget, targetHost, StepRole.Target, dst, [WellKnownSteps.RollbackSource], StepWhen.OnFailure,
            IfNotCompleted: [WellKnownSteps.Restore]));
        steps.Add(new(WellKnownSteps.CleanupSource, sourceHost, StepRole.Source, src, [], StepWhen.Always, IfCompleted: [WellKnownSteps.Restore]));
        steps.Add(new(WellKnownSteps.CleanupTarget, targetHost, StepRole.Target, dst, [WellKnownSteps.RollbackTarget], StepWhen.Always));
        if (services.Count > 0)
        {
            // Held requests must never stay held: after a failure they go to the source, once it runs again.
            steps.Add(new(WellKnownSteps.Release, front!, StepRole.Router, src, [WellKnownSteps.RollbackSource], StepWhen.Always, IfCompleted: [WellKnownSteps.Hold]));
        }
        return new MigrationPlan(strategy.ToString().ToLowerInvariant(), steps);
    }

    /// <summary>The preflight plan: both hosts report what they can do.</summary>
    public static MigrationPlan Preflight(string sourceHost, string targetHost, IReadOnlyList<string> ids) =>
        new("preflight",
        [
            new(WellKnownSteps.Preflight, sourceHost, StepRole.Source, new { Ids = ids }, []),
            new(WellKnownSteps.Preflight, targetHost, StepRole.Target, new { Ids = ids }, []),
        ]);
}
