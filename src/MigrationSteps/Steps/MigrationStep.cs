namespace Ferry.MigrationSteps.Steps;

/// <summary>One template rendered for one host and run over SSH.</summary>
/// <param name="Name">A <see cref="WellKnownSteps"/> name.</param>
/// <param name="Host">Inventory host the step runs on.</param>
/// <param name="Role">The host's part in the migration.</param>
/// <param name="Inputs">The typed model the template is rendered with.</param>
/// <param name="DependsOn">Step names that must have finished (every step of that name) before this one starts.</param>
/// <param name="When">Forward path, cleanup or rollback.</param>
/// <param name="IfCompleted">Rollback and cleanup: run only if these steps all succeeded.</param>
/// <param name="IfNotCompleted">Rollback and cleanup: run only if none of these steps succeeded.</param>
public sealed record MigrationStep(
    string Name,
    string Host,
    StepRole Role,
    object Inputs,
    IReadOnlyList<string> DependsOn,
    StepWhen When = StepWhen.OnSuccess,
    IReadOnlyList<string>? IfCompleted = null,
    IReadOnlyList<string>? IfNotCompleted = null)
{
    public string Id => $"{Name}@{Host}";

    public string Template => WellKnownSteps.Template(Name);
}
