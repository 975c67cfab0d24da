namespace Ferry.MigrationSteps.Steps;

/// <summary>hold: the front queues new requests for these services.</summary>
public sealed record HoldInputs(IReadOnlyList<string> Services) : IStepInputs
{
    public static StepKind Kind => StepKind.Hold;

    public static string Template => "migrate/hold.sh";
}
