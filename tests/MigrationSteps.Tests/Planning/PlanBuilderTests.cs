using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Tests.Support;

namespace Ferry.MigrationSteps.Tests.Planning;

public sealed class PlanBuilderTests
{
    private static readonly string[] AfterForward =
    [
        "rollback-source@aws-w1", "rollback-target@gcp-w1", "cleanup-source@aws-w1", "cleanup-target@gcp-w1", "release@front",
    ];

    private static readonly string[] CutOvers =
    [
        "cut-over@aws-gw", "cut-over@gcp-gw", "cut-over@front", "cut-over@client",
    ];

    [Theory]
    [InlineData(MigrationStrategy.Cold)]
    [InlineData(MigrationStrategy.PageServer)]
    [InlineData(MigrationStrategy.Lazy)]
    public void Build_StrategyWithoutPreDump_StepsInExactOrderOnTheirHosts(MigrationStrategy strategy)
    {
        var plan = TestModel.Plan(strategy);

        Assert.Equal(
            ["prepare-target@gcp-w1", "hold@front", "checkpoint@aws-w1", "transfer@aws-w1", "restore@gcp-w1", .. CutOvers, .. AfterForward],
            plan.Steps.Select(s => s.Id));
        Assert.Equal(strategy.ToString().ToLowerInvariant(), plan.Strategy);
    }

    [Fact]
    public void Build_Precopy_PreDumpOnSourceBetweenPrepareAndCheckpoint()
    {
        var plan = TestModel.Plan(MigrationStrategy.Precopy);

        Assert.Equal(
            ["prepare-target@gcp-w1", "pre-dump@aws-w1", "hold@front", "checkpoint@aws-w1", "transfer@aws-w1", "restore@gcp-w1", .. CutOvers, .. AfterForward],
            plan.Steps.Select(s => s.Id));
        Assert.Equal(["prepare-target", "pre-dump", "hold"], plan.Named("checkpoint").Single().DependsOn);
        Assert.Equal(["prepare-target"], plan.Named("pre-dump").Single().DependsOn);
        Assert.Equal(["prepare-target", "pre-dump"], plan.Named("hold").Single().DependsOn);
    }

    [Theory]
    [InlineData(MigrationStrategy.Cold)]
    [InlineData(MigrationStrategy.Precopy)]
    [InlineData(MigrationStrategy.PageServer)]
    [InlineData(MigrationStrategy.Lazy)]
    public void Build_AnyStrategy_RolesDependenciesAndConditionsAsModelled(MigrationStrategy strategy)
    {
        var plan = TestModel.Plan(strategy);
        MigrationStep One(string name) => plan.Named(name).Single();

        Assert.Equal((StepRole.Target, StepWhen.OnSuccess), (One("prepare-target").Role, One("prepare-target").When));
        Assert.Empty(One("prepare-target").DependsOn);
        Assert.Equal(["checkpoint"], One("transfer").DependsOn);
        Assert.Equal(StepRole.Source, One("transfer").Role);
        Assert.Equal(["transfer"], One("restore").DependsOn);
        Assert.Equal(StepRole.Target, One("restore").Role);
        Assert.All(plan.Named("cut-over"), s =>
        {
            Assert.Equal(["restore"], s.DependsOn);
            Assert.Equal((StepRole.Router, StepWhen.OnSuccess), (s.Role, s.When));
        });

        var rollbackSource = One("rollback-source");
        Assert.Equal((StepWhen.OnFailure, StepRole.Source), (rollbackSource.When, rollbackSource.Role));
        Assert.Empty(rollbackSource.DependsOn);
        Assert.Equal(["checkpoint"], rollbackSource.IfCompleted);
        Assert.Equal(["restore"], rollbackSource.IfNotCompleted);

        var rollbackTarget = One("rollback-target");
        Assert.Equal(StepWhen.OnFailure, rollbackTarget.When);
        Assert.Equal(["rollback-source"], rollbackTarget.DependsOn);
        Assert.Null(rollbackTarget.IfCompleted);
        Assert.Equal(["restore"], rollbackTarget.IfNotCompleted);

        var cleanupSource = One("cleanup-source");
        Assert.Equal(StepWhen.Always, cleanupSource.When);
        Assert.Empty(cleanupSource.DependsOn);
        Assert.Equal(["restore"], cleanupSource.IfCompleted);
        Assert.Null(cleanupSource.IfNotCompleted);

        var cleanupTarget = One("cleanup-target");
        Assert.Equal(StepWhen.Always, cleanupTarget.When);
        Assert.Equal(["rollback-target"], cleanupTarget.DependsOn);
        Assert.Null(cleanupTarget.IfCompleted);
        Assert.Null(cleanupTarget.IfNotCompleted);
    }

    [Theory]
    [InlineData(MigrationStrategy.Cold)]
    [InlineData(MigrationStrategy.PageServer)]
    [InlineData(MigrationStrategy.Lazy)]
    public void Build_AppOnTheFront_HoldOnFrontBeforeCheckpointReleaseAlwaysAfterRollbackSource(MigrationStrategy strategy)
    {
        var plan = TestModel.Plan(strategy);
        MigrationStep One(string name) => plan.Named(name).Single();

        var hold = One("hold");
        Assert.Equal(("front", StepRole.Router, StepWhen.OnSuccess), (hold.Host, hold.Role, hold.When));
        Assert.Equal(["prepare-target"], hold.DependsOn);
        Assert.Null(hold.IfCompleted);
        Assert.Null(hold.IfNotCompleted);
        Assert.Equal(["prepare-target", "hold"], One("checkpoint").DependsOn);
        Assert.True(plan.Steps.ToList().IndexOf(hold) < plan.Steps.ToList().IndexOf(One("checkpoint")));
        Assert.Equal(["counter_counter"], ((StepInputs)hold.Inputs).Services);

        var release = One("release");
        Assert.Equal(("front", StepRole.Router, StepWhen.Always), (release.Host, release.Role, release.When));
        Assert.Equal(["rollback-source"], release.DependsOn);
        Assert.Equal(["hold"], release.IfCompleted);
        Assert.Null(release.IfNotCompleted);
        Assert.Equal(["counter_counter"], ((StepInputs)release.Inputs).Services);
        Assert.Equal(["counter_counter"], ((StepInputs)plan.Named("cut-over").Single(s => s.Host == "front").Inputs).Services);
    }

    [Theory]
    [InlineData(MigrationStrategy.Cold)]
    [InlineData(MigrationStrategy.Precopy)]
    public void Build_AppWithoutFrontContainers_NeitherHoldNorRelease(MigrationStrategy strategy)
    {
        var app = new AppDefinition(
            "plain", "no container published on the front",
            [new ContainerDefinition("web", "10.252.0.30", ["sleep", "60"], [8080], 64, [], [])],
            null);

        var plan = TestModel.Plan(strategy, app: app);

        var forward = strategy == MigrationStrategy.Precopy
            ? new[] { "prepare-target@gcp-w1", "pre-dump@aws-w1", "checkpoint@aws-w1" }
            : ["prepare-target@gcp-w1", "checkpoint@aws-w1"];
        Assert.Equal(
            [.. forward, "transfer@aws-w1", "restore@gcp-w1", .. CutOvers,
             "rollback-source@aws-w1", "rollback-target@gcp-w1", "cleanup-source@aws-w1", "cleanup-target@gcp-w1"],
            plan.Steps.Select(s => s.Id));
        Assert.Empty(plan.Named("hold"));
        Assert.Empty(plan.Named("release"));
        Assert.Equal(strategy == MigrationStrategy.Precopy ? ["prepare-target", "pre-dump"] : ["prepare-target"], plan.Named("checkpoint").Single().DependsOn);
        Assert.All(plan.Steps.Select(s => (StepInputs)s.Inputs), i => Assert.Empty(i.Services));
    }

    [Fact]
    public void Build_CutOver_OnlyTheFrontChecks()
    {
        var plan = TestModel.Plan(MigrationStrategy.Cold);

        Assert.Equal(
            [("aws-gw", false), ("gcp-gw", false), ("front", true), ("client", false)],
            plan.Named("cut-over").Select(s => (s.Host, ((StepInputs)s.Inputs).Check)));
        Assert.All(plan.Steps.Where(s => s.Name != "cut-over"), s => Assert.False(((StepInputs)s.Inputs).Check));
    }

    [Fact]
    public void Build_CutOver_TargetGatewayViaTargetPrivateIpOthersViaGatewayPublicIp()
    {
        var plan = TestModel.Plan(MigrationStrategy.Cold);

        Assert.Equal(
            [("aws-gw", "10.252.0.10", "203.0.113.2"), ("gcp-gw", "10.252.0.10", "10.20.0.11"), ("front", "10.252.0.10", "203.0.113.2"), ("client", "10.252.0.10", "203.0.113.2")],
            plan.Named("cut-over").SelectMany(s => ((StepInputs)s.Inputs).Routes.Select(r => (s.Host, r.Address, r.Via))));
    }

    [Theory]
    [InlineData(MigrationStrategy.Cold, false, false, false)]
    [InlineData(MigrationStrategy.Precopy, false, false, true)]
    [InlineData(MigrationStrategy.PageServer, false, true, false)]
    [InlineData(MigrationStrategy.Lazy, true, false, false)]
    public void Build_Strategy_SetsItsFlagsOnEveryStep(MigrationStrategy strategy, bool lazy, bool pageServer, bool dirtyTracking)
    {
        var plan = TestModel.Plan(strategy, dirtyTracking: true, compress: true);

        Assert.All(plan.Steps.Select(s => (StepInputs)s.Inputs), i =>
        {
            Assert.Equal((lazy, pageServer, dirtyTracking, true), (i.Lazy, i.PageServer, i.DirtyTracking, i.Compress));
            Assert.Equal(("10.10.0.11", "10.20.0.11", "10.10.0.11"), (i.SourceIp, i.TargetIp, i.PageSourceIp));
            Assert.Equal(["counter-counter"], i.Ids);
        });
    }

    [Fact]
    public void Build_TargetSteps_RenderedWithTargetCgroupPath()
    {
        var plan = TestModel.Plan(MigrationStrategy.Cold);

        Assert.Contains("/ferry-unit/gcp-w1/counter-counter", ((StepInputs)plan.Named("restore").Single().Inputs).Containers[0].ConfigJson);
        Assert.Contains("/ferry-unit/aws-w1/counter-counter", ((StepInputs)plan.Named("checkpoint").Single().Inputs).Containers[0].ConfigJson);
    }

    [Fact]
    public void Build_Auto_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => TestModel.Plan(MigrationStrategy.Auto));

        Assert.Equal("choose a concrete strategy before planning (Parameter 'strategy')", e.Message);
    }

    [Fact]
    public void Preflight_TwoHosts_OneStepEach()
    {
        var plan = PlanBuilder.Preflight("aws-w1", "gcp-w1", ["counter-counter"]);

        Assert.Equal(["preflight@aws-w1", "preflight@gcp-w1"], plan.Steps.Select(s => s.Id));
        Assert.Equal([StepRole.Source, StepRole.Target], plan.Steps.Select(s => s.Role));
    }
}
