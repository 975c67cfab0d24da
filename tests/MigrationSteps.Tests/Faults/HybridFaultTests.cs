using Ferry.MigrationSteps.Strategies;
using Xunit.Abstractions;

namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>The fault matrix for hybrid moves (page copies ahead, the changed pages in the freeze, memory filled locally after the restore).</summary>
[Collection(HybridFaultCollection.Name)]
public sealed class HybridFaultTests(HybridFaultCloud cloud, ITestOutputHelper output) : FaultMatrix(cloud, output)
{
    public static TheoryData<StrategyKind, string, Fault> Matrix() => Cells(StrategyKind.Hybrid);

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task Migrate_FaultAtBoundary_AppRunsWhereTheResultSaysWithItsStateAndNothingIsLeft(StrategyKind strategy, string boundary, Fault fault) =>
        RunCellAsync(strategy, boundary, fault);
}
