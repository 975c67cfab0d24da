using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Steps;

/// <summary>The typed inputs of one step kind's template.</summary>
public interface IStepInputs : ITemplateInputs
{
    static abstract StepKind Kind { get; }
}
