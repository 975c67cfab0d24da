using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Tests.Support;

namespace Ferry.MigrationSteps.Tests.Planning;

public sealed class PlanValidatorTests : IDisposable
{
    private readonly TempTemplates _templates = new();

    public void Dispose() => _templates.Dispose();

    private static MigrationStep Step(string name, string host = "aws-w1", params string[] dependsOn) =>
        new(name, host, StepRole.Source, new { }, dependsOn);

    private string Reject(params MigrationStep[] steps) =>
        Assert.Throws<PlanValidationException>(() => PlanValidator.Validate(new MigrationPlan("test", steps), FakeInventory.Create(), _templates.Renderer())).Message;

    [Fact]
    public void Validate_UnknownStepName_NamesStepAndKnownSteps()
    {
        Assert.Equal(
            "step 'warp@aws-w1': 'warp' is not a known step (preflight, prepare-target, hold, release, pre-dump, checkpoint, transfer, restore, cut-over, cleanup-source, cleanup-target, rollback-source, rollback-target)",
            Reject(Step("checkpoint"), Step("warp")));
    }

    [Fact]
    public void Validate_DuplicateStep_Rejected()
    {
        Assert.Equal("step 'checkpoint@aws-w1' appears twice", Reject(Step("checkpoint"), Step("checkpoint")));
    }

    [Fact]
    public void Validate_SameStepOnTwoHosts_Accepted()
    {
        var scripts = PlanValidator.Validate(
            new MigrationPlan("test", [Step("cut-over", "aws-gw"), Step("cut-over", "gcp-gw")]), FakeInventory.Create(), _templates.Renderer());

        Assert.Equal(["cut-over@aws-gw", "cut-over@gcp-gw"], scripts.Keys.Order());
    }

    [Fact]
    public void Validate_UnknownHost_NamesStepAndHost()
    {
        Assert.Equal("step 'checkpoint@mars': host 'mars' is not in the inventory", Reject(Step("checkpoint", "mars")));
    }

    [Fact]
    public void Validate_DependencyOnMissingStep_NamesBoth()
    {
        Assert.Equal("step 'transfer@aws-w1' refers to 'checkpoint', which is not in the plan", Reject(Step("transfer", "aws-w1", "checkpoint")));
    }

    [Fact]
    public void Validate_ConditionOnMissingStep_NamesBoth()
    {
        var rollback = Step("rollback-source") with { When = StepWhen.OnFailure, IfCompleted = ["checkpoint"] };

        Assert.Equal("step 'rollback-source@aws-w1' refers to 'checkpoint', which is not in the plan", Reject(rollback));
    }

    [Fact]
    public void Validate_Cycle_ListsTheCycle()
    {
        Assert.Equal(
            "steps depend on each other in a cycle: checkpoint -> restore -> transfer -> checkpoint",
            Reject(Step("prepare-target"), Step("checkpoint", "aws-w1", "prepare-target", "restore"), Step("transfer", "aws-w1", "checkpoint"), Step("restore", "gcp-w1", "transfer")));
    }

    [Fact]
    public void Validate_SelfDependency_IsACycle()
    {
        Assert.Equal("steps depend on each other in a cycle: checkpoint -> checkpoint", Reject(Step("checkpoint", "aws-w1", "checkpoint")));
    }

    [Fact]
    public void Validate_TemplateMissingInput_RenderErrorNamesStep()
    {
        _templates.Write("migrate/checkpoint.sh", "echo {{q targetIp}}\n");

        Assert.Equal("step 'checkpoint@aws-w1': template migrate/checkpoint.sh: no value for 'targetIp'", Reject(Step("checkpoint")));
    }

    [Fact]
    public void Validate_TemplateWithBareValue_RenderErrorNamesStep()
    {
        _templates.Write("migrate/checkpoint.sh", "#!/usr/bin/env bash\necho {{targetIp}}\n");

        Assert.Equal(
            "step 'checkpoint@aws-w1': template migrate/checkpoint.sh:2: '{{targetIp}}' is not shell-quoted; write {{q targetIp}}",
            Reject(Step("checkpoint")));
    }

    [Theory]
    [InlineData(MigrationStrategy.Cold)]
    [InlineData(MigrationStrategy.Precopy)]
    [InlineData(MigrationStrategy.PageServer)]
    [InlineData(MigrationStrategy.Lazy)]
    public void Validate_RealPlanAndTemplates_ScriptForEveryStep(MigrationStrategy strategy)
    {
        var plan = TestModel.Plan(strategy, dirtyTracking: true, compress: true);

        var scripts = PlanValidator.Validate(plan, FakeInventory.Create(), TestModel.Templates);

        Assert.Equal(plan.Steps.Select(s => s.Id).Order(), scripts.Keys.Order());
        Assert.All(scripts.Values, s => Assert.StartsWith("#!/usr/bin/env bash\n", s));
    }

    [Fact]
    public void Validate_RealPreflightPlan_ScriptForBothHosts()
    {
        var scripts = PlanValidator.Validate(PlanBuilder.Preflight("aws-w1", "gcp-w1", ["counter-counter"]), FakeInventory.Create(), TestModel.Templates);

        Assert.Contains("for id in counter-counter; do", scripts["preflight@gcp-w1"]);
    }
}
