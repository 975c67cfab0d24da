using Ferry.MigrationSteps.Strategies;

namespace Ferry.Cli.Bench;

/// <summary>What <c>ferry bench migrate</c> measures.</summary>
/// <param name="Repetitions">Runs per cell (strategy × size × link).</param>
/// <param name="SizesMb">redis data sizes.</param>
/// <param name="LinksMbit">Inter-site link rates; null is unshaped.</param>
/// <param name="Strategies">Strategies to compare.</param>
/// <param name="Clients">Concurrent client counts for the counter-under-load part; empty skips it.</param>
/// <param name="Output">Directory for the CSV files and the summary.</param>
public sealed record BenchOptions(
    int Repetitions,
    IReadOnlyList<int> SizesMb,
    IReadOnlyList<int?> LinksMbit,
    IReadOnlyList<StrategyKind> Strategies,
    IReadOnlyList<int> Clients,
    string Output);
