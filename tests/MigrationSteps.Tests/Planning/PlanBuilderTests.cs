using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.MigrationSteps.Tests.Support;
using Ferry.Provisioning.Playbooks;
using static Ferry.MigrationSteps.Tests.Support.TestModel;

namespace Ferry.MigrationSteps.Tests.Planning;

public sealed class PlanBuilderTests
{
    private static readonly string[] CutOvers =
    [
        "cut-over@aws-gw", "cut-over@gcp-gw", "cut-over@front", "cut-over@client",
    ];

    private static readonly string[] RouteBacks =
    [
        "route-back@aws-gw", "route-back@gcp-gw", "route-back@front", "route-back@client",
    ];

    private static readonly string[] AfterForward =
    [
        .. RouteBacks, "rollback-source@aws-w1", "rollback-target@gcp-w1", "cleanup-source@aws-w1", "cleanup-target@gcp-w1", "release@front",
    ];

    // Post-copy: the move is done only once every page is on the target; on rollback the target stops first.
    private static readonly string[] LazyAfterCutOver =
    [
        "post-copy@gcp-w1", "rollback-target@gcp-w1", .. RouteBacks, "rollback-source@aws-w1", "cleanup-source@aws-w1", "cleanup-target@gcp-w1", "release@front",
    ];

    private static T Inputs<T>(MigrationPlan plan, StepKind kind) where T : IStepInputs =>
        ((MigrationStep<T>)plan.OfKind(kind).Single()).Inputs;

    [Theory]
    [InlineData(StrategyKind.Cold)]
    [InlineData(StrategyKind.PageServer)]
    [InlineData(StrategyKind.Lazy)]
    public void Build_StrategyWithoutPreDump_StepsInExactOrderOnTheirHosts(StrategyKind strategy)
    {
        var plan = Plan(strategy);

        Assert.Equal(
            ["prepare-target@gcp-w1", "hold@front", "checkpoint@aws-w1", "transfer@aws-w1", "restore@gcp-w1", .. CutOvers,
             .. strategy == StrategyKind.Lazy ? LazyAfterCutOver : AfterForward],
            plan.Steps.Select(s => s.Id));
        Assert.Equal(strategy.ToString().ToLowerInvariant(), plan.Strategy);
    }

    [Fact]
    public void Build_Precopy_PreDumpOnSourceBetweenPrepareAndCheckpoint()
    {
        var plan = Plan(StrategyKind.Precopy);

        Assert.Equal(
            ["prepare-target@gcp-w1", "pre-dump@aws-w1", "hold@front", "checkpoint@aws-w1", "transfer@aws-w1", "restore@gcp-w1", .. CutOvers, .. AfterForward],
            plan.Steps.Select(s => s.Id));
        Assert.Equal(["prepare-target@gcp-w1", "pre-dump@aws-w1", "hold@front"], Ids(plan.OfKind(StepKind.Checkpoint).Single().DependsOn));
        Assert.Equal(["prepare-target@gcp-w1"], Ids(plan.OfKind(StepKind.PreDump).Single().DependsOn));
        Assert.Equal(["prepare-target@gcp-w1", "pre-dump@aws-w1"], Ids(plan.OfKind(StepKind.Hold).Single().DependsOn));
    }

    [Theory]
    [InlineData(StrategyKind.Cold)]
    [InlineData(StrategyKind.Precopy)]
    [InlineData(StrategyKind.PageServer)]
    [InlineData(StrategyKind.Lazy)]
    public void Build_AnyStrategy_RolesDependenciesAndConditionsAsModelled(StrategyKind strategy)
    {
        var plan = Plan(strategy);
        MigrationStep One(StepKind kind) => plan.OfKind(kind).Single();

        Assert.Equal((StepRole.Target, StepWhen.OnSuccess), (One(StepKind.PrepareTarget).Role, One(StepKind.PrepareTarget).When));
        Assert.Empty(One(StepKind.PrepareTarget).DependsOn);
        Assert.Equal(["checkpoint@aws-w1"], Ids(One(StepKind.Transfer).DependsOn));
        Assert.Equal(StepRole.Source, One(StepKind.Transfer).Role);
        Assert.Equal(["transfer@aws-w1"], Ids(One(StepKind.Restore).DependsOn));
        Assert.Equal(StepRole.Target, One(StepKind.Restore).Role);
        var cutOvers = plan.OfKind(StepKind.CutOver).ToList();
        Assert.Equal(4, cutOvers.Count);
        Assert.All(cutOvers, s =>
        {
            // The front, which checks the app through the others and releases the held requests, goes once their routes are in.
            Assert.Equal(s.Host == "front" ? ["restore@gcp-w1", "cut-over@aws-gw", "cut-over@gcp-gw", "cut-over@client"] : ["restore@gcp-w1"], Ids(s.DependsOn));
            Assert.Equal((StepRole.Router, StepWhen.OnSuccess), (s.Role, s.When));
        });

        var lazy = strategy == StrategyKind.Lazy;
        var rollbackSource = One(StepKind.RollbackSource);
        Assert.Equal((StepWhen.OnFailure, StepRole.Source), (rollbackSource.When, rollbackSource.Role));
        Assert.Equal(lazy ? ["rollback-target@gcp-w1", .. RouteBacks] : RouteBacks, Ids(rollbackSource.DependsOn));
        // From the first step that writes images on the source: a failed pre-dump's images go too.
        var firstImages = strategy == StrategyKind.Precopy ? "pre-dump@aws-w1" : "checkpoint@aws-w1";
        Assert.Equal([firstImages], Ids(rollbackSource.Condition?.IfRan));
        Assert.Equal([$"{firstImages} ran"], [rollbackSource.Condition!.ToString()]);

        var routeBacks = plan.OfKind(StepKind.RouteBack).ToList();
        Assert.Equal(RouteBacks, Ids(routeBacks));
        Assert.All(routeBacks, s =>
        {
            Assert.Equal((StepRole.Router, StepWhen.OnFailure), (s.Role, s.When));
            Assert.Equal(["restore@gcp-w1"], Ids(s.Condition?.IfCompleted));
            Assert.Equal(lazy ? ["rollback-target@gcp-w1"] : [], Ids(s.DependsOn));
        });
        Assert.Equal(["counter_counter"], ((MigrationStep<RouteBackInputs>)routeBacks.Single(s => s.Host == "front")).Inputs.Services);
        Assert.Equal([("10.252.0.10", "10.10.0.11")], ((MigrationStep<RouteBackInputs>)routeBacks.Single(s => s.Host == "aws-gw")).Inputs.Routes.Select(r => (r.Address, r.Via)));

        var rollbackTarget = One(StepKind.RollbackTarget);
        Assert.Equal(StepWhen.OnFailure, rollbackTarget.When);
        Assert.Equal(lazy ? [] : ["rollback-source@aws-w1"], Ids(rollbackTarget.DependsOn));
        Assert.Null(rollbackTarget.Condition);

        var cleanupSource = One(StepKind.CleanupSource);
        Assert.Equal(StepWhen.AfterSuccess, cleanupSource.When);
        Assert.Empty(cleanupSource.DependsOn);
        Assert.Null(cleanupSource.Condition);

        var cleanupTarget = One(StepKind.CleanupTarget);
        Assert.Equal(StepWhen.Always, cleanupTarget.When);
        Assert.Equal(["rollback-target@gcp-w1", "rollback-source@aws-w1"], Ids(cleanupTarget.DependsOn));
        Assert.Equal(["rollback-source@aws-w1"], Ids(cleanupTarget.Condition?.IfNotFailed));

        var postCopy = plan.OfKind(StepKind.PostCopy).ToList();
        Assert.Equal(lazy ? ["post-copy@gcp-w1"] : [], Ids(postCopy));
        Assert.All(postCopy, s => Assert.Equal(CutOvers, Ids(s.DependsOn)));
    }

    [Theory]
    [InlineData(StrategyKind.Cold)]
    [InlineData(StrategyKind.PageServer)]
    [InlineData(StrategyKind.Lazy)]
    public void Build_AppOnTheFront_HoldOnFrontBeforeCheckpointReleaseAlwaysAfterRollbackSource(StrategyKind strategy)
    {
        var plan = Plan(strategy);
        MigrationStep One(StepKind kind) => plan.OfKind(kind).Single();

        var hold = One(StepKind.Hold);
        Assert.Equal(("front", StepRole.Router, StepWhen.OnSuccess), (hold.Host, hold.Role, hold.When));
        Assert.Equal(["prepare-target@gcp-w1"], Ids(hold.DependsOn));
        Assert.Null(hold.Condition);
        Assert.Equal(["prepare-target@gcp-w1", "hold@front"], Ids(One(StepKind.Checkpoint).DependsOn));
        Assert.True(plan.Steps.ToList().IndexOf(hold) < plan.Steps.ToList().IndexOf(One(StepKind.Checkpoint)));
        Assert.Equal(["counter_counter"], Inputs<HoldInputs>(plan, StepKind.Hold).Services);

        var release = One(StepKind.Release);
        Assert.Equal(("front", StepRole.Router, StepWhen.Always), (release.Host, release.Role, release.When));
        Assert.Equal(["rollback-source@aws-w1"], Ids(release.DependsOn));
        Assert.Equal(["hold@front"], Ids(release.Condition?.IfCompleted));
        Assert.Empty(Ids(release.Condition?.IfNotCompleted));
        Assert.Equal([("counter_counter", FrontService.DefaultMaxconn)], Inputs<ReleaseInputs>(plan, StepKind.Release).Services.Select(s => (s.Name, s.Maxconn)));
    }

    [Theory]
    [InlineData(StrategyKind.Cold)]
    [InlineData(StrategyKind.Precopy)]
    public void Build_AppWithoutFrontContainers_NeitherHoldNorRelease(StrategyKind strategy)
    {
        var app = new AppDefinition(
            "plain", "no container published on the front",
            [new ContainerDefinition("web", "10.252.0.30", ["sleep", "60"], [8080], 64, [], [])],
            null);

        var plan = Plan(strategy, app: app);

        var forward = strategy == StrategyKind.Precopy
            ? new[] { "prepare-target@gcp-w1", "pre-dump@aws-w1", "checkpoint@aws-w1" }
            : ["prepare-target@gcp-w1", "checkpoint@aws-w1"];
        Assert.Equal(
            [.. forward, "transfer@aws-w1", "restore@gcp-w1", .. CutOvers, .. RouteBacks,
             "rollback-source@aws-w1", "rollback-target@gcp-w1", "cleanup-source@aws-w1", "cleanup-target@gcp-w1"],
            plan.Steps.Select(s => s.Id));
        Assert.Empty(plan.OfKind(StepKind.Hold));
        Assert.Empty(plan.OfKind(StepKind.Release));
        Assert.Equal(strategy == StrategyKind.Precopy ? ["prepare-target@gcp-w1", "pre-dump@aws-w1"] : ["prepare-target@gcp-w1"], Ids(plan.OfKind(StepKind.Checkpoint).Single().DependsOn));
        var cutOvers = plan.OfKind(StepKind.CutOver).Cast<MigrationStep<CutOverInputs>>().ToList();
        Assert.NotEmpty(cutOvers);
        Assert.All(cutOvers, s => Assert.Empty(s.Inputs.Services));
    }

    [Fact]
    public void Build_CutOver_OnlyTheFrontChecksAndReleases()
    {
        var plan = Plan(StrategyKind.Cold);

        var cutOvers = plan.OfKind(StepKind.CutOver).Cast<MigrationStep<CutOverInputs>>().ToList();
        Assert.Equal(
            [("aws-gw", 0, 0), ("gcp-gw", 0, 0), ("front", 1, 1), ("client", 0, 0)],
            cutOvers.Select(s => (s.Host, s.Inputs.Checks.Count, s.Inputs.Services.Count)));
    }

    [Fact]
    public void Build_CutOver_TargetGatewayViaTargetPrivateIpOthersViaGatewayPublicIp()
    {
        var plan = Plan(StrategyKind.Cold);

        Assert.Equal(
            [("aws-gw", "10.252.0.10", "203.0.113.2"), ("gcp-gw", "10.252.0.10", "10.20.0.11"), ("front", "10.252.0.10", "203.0.113.2"), ("client", "10.252.0.10", "203.0.113.2")],
            plan.OfKind(StepKind.CutOver).Cast<MigrationStep<CutOverInputs>>().SelectMany(s => s.Inputs.Routes.Select(r => (s.Host, r.Address, r.Via))));
    }

    [Theory]
    [InlineData(StrategyKind.Cold, false, "strategies/cold/dump.sh", StrategyPartials.PlainRestore, null, null, null, null, null, null)]
    [InlineData(StrategyKind.Precopy, false, "strategies/cold/dump.sh", StrategyPartials.PlainRestore, null, "strategies/precopy/pre-dump.sh", null, null, null, null)]
    [InlineData(StrategyKind.Precopy, true, "strategies/precopy/dump-tracked.sh", StrategyPartials.PlainRestore, null, "strategies/precopy/pre-dump-tracked.sh", null, null, null, null)]
    [InlineData(StrategyKind.PageServer, false, "strategies/pageserver/dump.sh", StrategyPartials.PlainRestore, "strategies/pageserver/prepare-target.sh", null, "strategies/pageserver/rollback-fetch.sh", null, null, null)]
    [InlineData(StrategyKind.Lazy, false, "strategies/lazy/dump.sh", "strategies/lazy/restore.sh", null, null, null, "strategies/lazy/source-done.sh", "strategies/lazy/target-done.sh", "strategies/lazy/dump-setup.sh")]
    public void Build_Strategy_ContributesItsTemplatesToTheGenericSteps(
        StrategyKind strategy, bool dirtyTracking, string dump, string restore, string? prepare, string? preDump, string? rollbackFetch, string? sourceDone, string? targetDone, string? dumpSetup)
    {
        var plan = Plan(strategy, dirtyTracking: dirtyTracking, compress: true);

        var expected = new StrategyPartials(dump, restore, prepare, preDump, rollbackFetch, sourceDone, targetDone, dumpSetup);
        Assert.Equal(expected, Inputs<CheckpointInputs>(plan, StepKind.Checkpoint).Strategy);
        Assert.Equal(expected, Inputs<RestoreInputs>(plan, StepKind.Restore).Strategy);
        Assert.Equal(expected, Inputs<PrepareTargetInputs>(plan, StepKind.PrepareTarget).Strategy);
        Assert.Equal(expected, Inputs<RollbackSourceInputs>(plan, StepKind.RollbackSource).Strategy);
        Assert.Equal(expected, Inputs<CleanupSourceInputs>(plan, StepKind.CleanupSource).Strategy);
        Assert.Equal(expected, Inputs<CleanupTargetInputs>(plan, StepKind.CleanupTarget).Strategy);
        Assert.True(Inputs<TransferInputs>(plan, StepKind.Transfer).Compress);
        Assert.Equal(("10.10.0.11", "10.20.0.11"), (Inputs<CheckpointInputs>(plan, StepKind.Checkpoint).SourceIp, Inputs<CheckpointInputs>(plan, StepKind.Checkpoint).TargetIp));
        Assert.Equal("10.10.0.11", Inputs<RestoreInputs>(plan, StepKind.Restore).PageSourceIp);
    }

    [Theory]
    [InlineData(false, "strategies/cold/dump.sh", "strategies/hybrid/restore.sh", "strategies/hybrid/pre-dump.sh", "strategies/hybrid/transfer.sh")]
    [InlineData(true, "strategies/hybrid/dump-tracked.sh", StrategyPartials.PlainRestore, "strategies/hybrid/pre-dump-tracked.sh", null)]
    public void Build_Hybrid_PreDumpBeforeTheHoldAndItsOwnTransfer(bool dirtyTracking, string dump, string restore, string preDump, string? transfer)
    {
        var plan = Plan(StrategyKind.Hybrid, dirtyTracking: dirtyTracking);

        var expected = new StrategyPartials(dump, restore, PreDump: preDump, Transfer: transfer);
        Assert.Equal(expected, Inputs<PreDumpInputs>(plan, StepKind.PreDump).Strategy);
        Assert.Equal(expected, Inputs<TransferInputs>(plan, StepKind.Transfer).Strategy);
        Assert.Equal(expected, Inputs<RollbackSourceInputs>(plan, StepKind.RollbackSource).Strategy);
        Assert.Equal(["prepare-target@gcp-w1"], TestModel.Ids(plan.OfKind(StepKind.PreDump).Single().DependsOn));
        Assert.Contains("pre-dump@aws-w1", TestModel.Ids(plan.OfKind(StepKind.Hold).Single().DependsOn));
    }

    [Fact]
    public void Build_TargetSteps_RenderedWithTargetCgroupPath()
    {
        var plan = Plan(StrategyKind.Cold);

        Assert.Contains("/ferry-unit/gcp-w1/counter-counter", Inputs<RestoreInputs>(plan, StepKind.Restore).Containers[0].ConfigJson);
        Assert.Contains("/ferry-unit/aws-w1/counter-counter", Inputs<CheckpointInputs>(plan, StepKind.Checkpoint).Containers[0].ConfigJson);
    }

    [Fact]
    public void For_Auto_IsNoConcreteStrategy()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MigrationStrategy.For(StrategyKind.Auto));

        Assert.Contains("choose a concrete strategy first", e.Message);
    }

    [Fact]
    public void Describe_NamesEveryStepWithItsDependenciesAndConditions()
    {
        var text = Plan(StrategyKind.Lazy).Describe();

        Assert.Contains("checkpoint@aws-w1", text);
        Assert.Contains("after prepare-target@gcp-w1, hold@front", text);
        Assert.Contains("rollback-source@aws-w1       source  on failure migrate/rollback-source.sh  after rollback-target@gcp-w1, route-back@aws-gw, route-back@gcp-gw, route-back@front, route-back@client  if checkpoint@aws-w1 ran", text);
        Assert.Contains("cleanup-target@gcp-w1        target  always     migrate/cleanup-target.sh  after rollback-target@gcp-w1, rollback-source@aws-w1  if rollback-source@aws-w1 not failed", text);
        Assert.Contains("cleanup-source@aws-w1        source  on success migrate/cleanup-source.sh", text);
        Assert.Equal(19, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
