using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Ssh;

namespace Ferry.MigrationSteps.Steps;

/// <summary>
/// One template rendered for one host and run over SSH. Dependencies and conditions refer to the steps
/// themselves, so a plan can only refer to steps that exist. The typed inputs live in <see cref="MigrationStep{TInputs}"/>.
/// </summary>
public abstract class MigrationStep
{
    protected MigrationStep(StepKind kind, string host, StepRole role, IReadOnlyList<MigrationStep> dependsOn, StepWhen when, StepCondition? condition)
    {
        Kind = kind;
        Host = host;
        Role = role;
        DependsOn = dependsOn;
        When = when;
        Condition = condition;
    }

    public StepKind Kind { get; }

    /// <summary>The inventory host the step runs on.</summary>
    public string Host { get; }

    public StepRole Role { get; }

    /// <summary>Steps that must have finished (on the forward path: succeeded) before this one starts.</summary>
    public IReadOnlyList<MigrationStep> DependsOn { get; }

    public StepWhen When { get; }

    /// <summary>Rollback and cleanup: the step runs only when this holds.</summary>
    public StepCondition? Condition { get; }

    public string Id => $"{Kind.Name()}@{Host}";

    public string Template => Kind.Template();

    /// <summary>Renders the step's script (the plan is validated by rendering every step before anything runs).</summary>
    public abstract string Render(Ferry.Provisioning.Templates.TemplateRenderer templates);

    /// <summary>Runs the step's rendered script on its host; fails with <see cref="RemoteTaskException"/>.</summary>
    public abstract Task<ScriptOutput> RunAsync(RemoteContext remote, InventoryHost host, string script, Action<string>? onOutputLine, CancellationToken cancellationToken);

    /// <summary>Starts the step's rendered script on its host ahead of time, to wait at its gate until <see cref="RunArmedAsync"/>.</summary>
    public abstract Task<IArmedScript> ArmAsync(RemoteContext remote, InventoryHost host, string script, Action<string>? onOutputLine, CancellationToken cancellationToken);

    /// <summary>Runs a script <see cref="ArmAsync"/> started; fails as <see cref="RunAsync"/> does.</summary>
    public abstract Task<ScriptOutput> RunArmedAsync(IArmedScript armed, InventoryHost host, CancellationToken cancellationToken);

    public override string ToString() => Id;
}
