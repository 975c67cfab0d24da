using Ferry.MigrationSteps.Strategies;
using Xunit.Abstractions;

namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>The fault matrix for cold and precopy moves.</summary>
[Collection(ColdAndPrecopyFaultCollection.Name)]
public sealed class ColdAndPrecopyFaultTests(ColdAndPrecopyFaultCloud cloud, ITestOutputHelper output) : FaultMatrix(cloud, output)
{
    public static TheoryData<StrategyKind, string, Fault> Matrix() => Cells(StrategyKind.Cold, StrategyKind.Precopy);

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task Migrate_FaultAtBoundary_AppRunsWhereTheResultSaysWithItsStateAndNothingIsLeft(StrategyKind strategy, string boundary, Fault fault) =>
        RunCellAsync(strategy, boundary, fault);
}
