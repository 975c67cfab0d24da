using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;

namespace Ferry.MigrationSteps.Planning;

/// <summary>Turns a strategy into the steps of one migration: the generic ones, with the strategy's own steps and templates.</summary>
public static class PlanBuilder
{
    /// <summary>What a plan for moving <paramref name="app"/> from <paramref name="from"/> to <paramref name="to"/> is built from.</summary>
    public static PlanContext Context(
        HostInventory inventory, AppDefinition app, string from, string to,
        IReadOnlyList<ContainerInputs> source, IReadOnlyList<ContainerInputs> target, bool compress)
    {
        var front = inventory.WithRole(HostRole.Front).FirstOrDefault();
        var services = front is null ? [] : FrontServices.For(app, inventory);
        var addresses = app.Containers.Select(c => c.Address).ToList();
        return new PlanContext(inventory.Host(from), inventory.Host(to), source, target, front, services,
            RoutePlan.For(inventory, to, addresses), RoutePlan.For(inventory, from, addresses), compress);
    }

    /// <summary>Removes what prepare-target made on the target, when a migration is refused after it ran.</summary>
    public static MigrationPlan Undo(PlanContext context)
    {
        var to = context.Target.Name;
        // Both run as the after-path (not a forward path that stops at its first failure), so they get its retries.
        var rollback = new MigrationStep<RollbackTargetInputs>(to, StepRole.Target, new RollbackTargetInputs(context.TargetContainers), [], StepWhen.Always);
        return new MigrationPlan("undo",
        [
            rollback,
            new MigrationStep<CleanupTargetInputs>(to, StepRole.Target, new CleanupTargetInputs(context.TargetContainers, new StrategyPartials("")), [rollback], StepWhen.Always),
        ]);
    }

    public static MigrationPlan Build(MigrationStrategy strategy, PlanContext context)
    {
        var (from, to) = (context.Source.Name, context.Target.Name);
        var (src, dst) = (context.SourceContainers, context.TargetContainers);
        var partials = strategy.Partials;
        var steps = new List<MigrationStep>();
        T Add<T>(T step) where T : MigrationStep
        {
            steps.Add(step);
            return step;
        }

        var prepare = Add(new MigrationStep<PrepareTargetInputs>(to, StepRole.Target, new PrepareTargetInputs(dst, context.Target.PrivateIp, context.Source.PrivateIp, partials)));
        var beforeFreeze = new List<MigrationStep> { prepare };
        foreach (var step in strategy.BeforeFreeze(context, prepare))
        {
            beforeFreeze.Add(Add(step));
        }

        var front = context.Services.Count > 0 ? context.Front : null;
        // Holding sets every service to one connection: only their names matter there.
        var held = context.Services.Select(s => s.Name).ToList();
        MigrationStep? hold = null;
        if (front is not null)
        {
            hold = Add(new MigrationStep<HoldInputs>(front.Name, StepRole.Router, new HoldInputs(held), [.. beforeFreeze]));
            beforeFreeze.Add(hold);
        }

        var checkpoint = Add(new MigrationStep<CheckpointInputs>(from, StepRole.Source, new CheckpointInputs(src, context.Source.PrivateIp, context.Target.PrivateIp, partials), beforeFreeze));
        var transfer = Add(new MigrationStep<TransferInputs>(from, StepRole.Source, new TransferInputs(src, context.Target.PrivateIp, context.Compress, partials), [checkpoint]));
        var restore = Add(new MigrationStep<RestoreInputs>(to, StepRole.Target, new RestoreInputs(dst, context.Source.PrivateIp, partials), [transfer]));
        var others = context.Routes.Where(r => r.Key != front?.Name)
            .ToDictionary(r => r.Key, r => (MigrationStep)new MigrationStep<CutOverInputs>(r.Key, StepRole.Router, new CutOverInputs(r.Value, [], []), [restore]));
        var cutOvers = new List<MigrationStep>();
        foreach (var (router, routes) in context.Routes)
        {
            // The front checks the app through the other routers and then lets the held requests go, so it starts
            // once their routes are in: a check sent before (they switch in 10-20 ms) lost its SYN and waited for
            // the next try, 0.25 s later, in four of nine moves.
            cutOvers.Add(Add(others.TryGetValue(router, out var other) ? other
                : new MigrationStep<CutOverInputs>(router, StepRole.Router, new CutOverInputs(routes, dst, context.Services), [restore, .. others.Values])));
        }

        if (partials.TargetDone is not null)
        {
            // The move has succeeded only once every page is on the target: until then the source can still take it back.
            Add(new MigrationStep<PostCopyInputs>(to, StepRole.Target, new PostCopyInputs(dst, context.Source.PrivateIp, partials), cutOvers));
        }

        // A failure after the restore: routes point at the source again before it resumes. The target stops
        // first when the source's frozen tasks are held by it (post-copy), else last, so the application runs
        // somewhere for as long as possible.
        MigrationStep? rollbackTarget = strategy.TargetStopsFirst
            ? Add(new MigrationStep<RollbackTargetInputs>(to, StepRole.Target, new RollbackTargetInputs(dst), [], StepWhen.OnFailure))
            : null;
        List<MigrationStep> first = rollbackTarget is null ? [] : [rollbackTarget];
        var routeBacks = new List<MigrationStep>();
        foreach (var (router, routes) in context.SourceRoutes)
        {
            routeBacks.Add(Add(new MigrationStep<RouteBackInputs>(router, StepRole.Router,
                new RouteBackInputs(routes, router == front?.Name ? held : []), first, StepWhen.OnFailure, StepCondition.Completed(restore))));
        }

        // Whatever the checkpoint did before it stopped (some containers may be dumped, some not) is undone,
        // and the images of a pre-dump that failed go too: from the first step that wrote any on the source.
        var firstImages = beforeFreeze.FirstOrDefault(s => s.Kind == StepKind.PreDump && s.Host == from) ?? checkpoint;
        var rollbackSource = Add(new MigrationStep<RollbackSourceInputs>(from, StepRole.Source,
            new RollbackSourceInputs(src, context.Source.PrivateIp, context.Target.PrivateIp, partials), [.. first, .. routeBacks], StepWhen.OnFailure,
            StepCondition.Ran(firstImages)));
        rollbackTarget ??= Add(new MigrationStep<RollbackTargetInputs>(to, StepRole.Target, new RollbackTargetInputs(dst), [rollbackSource], StepWhen.OnFailure));
        Add(new MigrationStep<CleanupSourceInputs>(from, StepRole.Source, new CleanupSourceInputs(src, context.Target.PrivateIp, partials), [], StepWhen.AfterSuccess));

        // The target's images may be the only copy of the memory (page server) when the source could not take the application back.
        Add(new MigrationStep<CleanupTargetInputs>(to, StepRole.Target, new CleanupTargetInputs(dst, partials), [rollbackTarget, rollbackSource], StepWhen.Always,
            StepCondition.NotFailed(rollbackSource)));
        if (front is not null && hold is not null)
        {
            // Held requests must never stay held: after a failure they go to the source, once it runs again.
            Add(new MigrationStep<ReleaseInputs>(front.Name, StepRole.Router, new ReleaseInputs(context.Services), [rollbackSource], StepWhen.Always,
                StepCondition.Completed(hold)));
        }

        return new MigrationPlan(strategy.Name, steps);
    }
}
