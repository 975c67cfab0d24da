namespace Ferry.MigrationSteps.Steps;

/// <summary>transfer: images and files to the target (rsync over the peer key).</summary>
public sealed record TransferInputs(IReadOnlyList<ContainerInputs> Containers, string TargetIp, bool Compress, StrategyPartials Strategy) : IStepInputs
{
    public static StepKind Kind => StepKind.Transfer;

    public static string Template => "migrate/transfer.sh";
}
