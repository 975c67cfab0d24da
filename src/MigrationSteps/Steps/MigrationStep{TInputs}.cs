using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Steps;

/// <summary>A step with the typed inputs of its template.</summary>
public sealed class MigrationStep<TInputs>(
    string host,
    StepRole role,
    TInputs inputs,
    IReadOnlyList<MigrationStep>? dependsOn = null,
    StepWhen when = StepWhen.OnSuccess,
    StepCondition? condition = null)
    : MigrationStep(TInputs.Kind, host, role, dependsOn ?? [], when, condition)
    where TInputs : IStepInputs
{
    private static readonly ScriptTask<TInputs> Task = new(Timeouts.MigrationStep);

    public TInputs Inputs { get; } = inputs;

    public override string Render(TemplateRenderer templates) => templates.Render(Inputs);

    public override Task<ScriptOutput> RunAsync(RemoteContext remote, InventoryHost host, string script, Action<string>? onOutputLine, CancellationToken cancellationToken) =>
        Task.RunRenderedAsync(remote, host, script, onOutputLine, cancellationToken);

    public override Task<IArmedScript> ArmAsync(RemoteContext remote, InventoryHost host, string script, Action<string>? onOutputLine, CancellationToken cancellationToken) =>
        Task.ArmAsync(remote, host, script, onOutputLine, cancellationToken);

    public override Task<ScriptOutput> RunArmedAsync(IArmedScript armed, InventoryHost host, CancellationToken cancellationToken) =>
        Task.RunArmedAsync(armed, host, cancellationToken);
}
