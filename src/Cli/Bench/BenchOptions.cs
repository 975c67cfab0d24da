using Ferry.MigrationSteps.Strategies;

namespace Ferry.Cli.Bench;

/// <summary>What <c>ferry bench migrate</c> measures.</summary>
/// <param name="Repetitions">Runs per cell (strategy × app × size or clients × link).</param>
/// <param name="SizesMb">Data sizes for applications that load data (redis).</param>
/// <param name="LinksMbit">Inter-site link rates; null is unshaped.</param>
/// <param name="Strategies">Strategies to compare.</param>
/// <param name="Clients">Concurrent client counts for applications without a data loader (the counter).</param>
/// <param name="Output">Directory for the CSV files, the runs, the summary and report.html.</param>
/// <param name="Apps">Applications (stacks/apps/NAME.yaml): one with a data loader runs once per size, one without once per client count.</param>
/// <param name="Podman">Also move each application with Podman's checkpoint export/import, in the same cells (rows with strategy 'podman').</param>
public sealed record BenchOptions(
    int Repetitions,
    IReadOnlyList<int> SizesMb,
    IReadOnlyList<int?> LinksMbit,
    IReadOnlyList<StrategyKind> Strategies,
    IReadOnlyList<int> Clients,
    string Output,
    IReadOnlyList<string> Apps,
    bool Podman = false)
{
    public static readonly IReadOnlyList<string> DefaultApps = ["redis", "counter"];
}
