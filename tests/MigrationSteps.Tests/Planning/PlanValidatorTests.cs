using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.MigrationSteps.Tests.Support;
using Ferry.Provisioning.Playbooks;

namespace Ferry.MigrationSteps.Tests.Planning;

public sealed class PlanValidatorTests : IDisposable
{
    private readonly TempTemplates _templates = new();

    public void Dispose() => _templates.Dispose();

    private static MigrationStep Hold(string host = "front", IReadOnlyList<MigrationStep>? dependsOn = null) =>
        new MigrationStep<HoldInputs>(host, StepRole.Router, new HoldInputs(["s"]), dependsOn);

    private static MigrationStep Release(IReadOnlyList<MigrationStep>? dependsOn = null, StepCondition? condition = null) =>
        new MigrationStep<ReleaseInputs>("front", StepRole.Router, new ReleaseInputs([new FrontService("s", "http", "10.0.0.1", 80, "10.252.0.10", 8080)]), dependsOn, StepWhen.Always, condition);

    private string Reject(params MigrationStep[] steps) =>
        Assert.Throws<PlanValidationException>(() => PlanValidator.Validate(new MigrationPlan("test", steps), FakeInventory.Create(), _templates.Renderer())).Message;

    [Fact]
    public void Validate_DuplicateStep_Rejected()
    {
        Assert.Equal("step 'hold@front' appears twice", Reject(Hold(), Hold()));
    }

    [Fact]
    public void Validate_SameStepOnTwoHosts_Accepted()
    {
        PlanValidator.Validate(new MigrationPlan("test", [Hold("aws-gw"), Hold("gcp-gw")]), FakeInventory.Create(), _templates.Renderer());
    }

    [Fact]
    public void Validate_UnknownHost_NamesStepAndHost()
    {
        Assert.Equal("step 'hold@mars': host 'mars' is not in the inventory", Reject(Hold("mars")));
    }

    [Fact]
    public void Validate_DependencyOutsideThePlan_NamesBoth()
    {
        var outside = Hold();

        Assert.Equal("step 'release@front' refers to 'hold@front', which is not in the plan", Reject(Release([outside])));
    }

    [Fact]
    public void Validate_ConditionOnStepOutsideThePlan_NamesBoth()
    {
        var outside = Hold();

        Assert.Equal("step 'release@front' refers to 'hold@front', which is not in the plan", Reject(Release(condition: StepCondition.Completed(outside))));
    }

    [Fact]
    public void Validate_Cycle_ListsTheCycle()
    {
        var holdDependsOn = new List<MigrationStep>();
        var hold = Hold(dependsOn: holdDependsOn);
        var release = Release([hold]);
        holdDependsOn.Add(release);

        Assert.Equal("steps depend on each other in a cycle: hold@front -> release@front -> hold@front", Reject(hold, release));
    }

    [Fact]
    public void Validate_SelfDependency_IsACycle()
    {
        var dependsOn = new List<MigrationStep>();
        var hold = Hold(dependsOn: dependsOn);
        dependsOn.Add(hold);

        Assert.Equal("steps depend on each other in a cycle: hold@front -> hold@front", Reject(hold));
    }

    [Fact]
    public void Validate_TemplateMissingInput_RenderErrorNamesStepAndVariable()
    {
        _templates.Write("migrate/hold.sh", "echo {{ target_ip | q }}\n");

        var message = Reject(Hold());

        Assert.StartsWith("step 'hold@front': template migrate/hold.sh:1: ", message);
        Assert.Contains("target_ip", message);
    }

    [Fact]
    public void Validate_TemplateWithBareValue_RenderErrorNamesStepAndFix()
    {
        _templates.Write("migrate/hold.sh", "#!/usr/bin/env bash\necho {{ services }}\n");

        Assert.Equal(
            "step 'hold@front': template migrate/hold.sh:2: '{{ services }}' is not shell-quoted; write {{ services | q }}",
            Reject(Hold()));
    }

    [Theory]
    [InlineData(StrategyKind.Cold, false)]
    [InlineData(StrategyKind.Precopy, false)]
    [InlineData(StrategyKind.Precopy, true)]
    [InlineData(StrategyKind.PageServer, false)]
    [InlineData(StrategyKind.Lazy, false)]
    public void Validate_RealPlanAndTemplates_EveryStepRenders(StrategyKind strategy, bool dirtyTracking)
    {
        var plan = TestModel.Plan(strategy, dirtyTracking: dirtyTracking, compress: true);

        PlanValidator.Validate(plan, FakeInventory.Create(), TestModel.Templates);

        Assert.NotEmpty(plan.Steps);
        Assert.All(plan.Steps, s => Assert.StartsWith("#!/usr/bin/env bash\n", s.Render(TestModel.Templates)));
    }
}
