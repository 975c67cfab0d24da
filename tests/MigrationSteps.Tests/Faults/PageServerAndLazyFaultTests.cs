using Ferry.MigrationSteps.Strategies;
using Xunit.Abstractions;

namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>The fault matrix for page server and lazy moves.</summary>
[Collection(PageServerAndLazyFaultCollection.Name)]
public sealed class PageServerAndLazyFaultTests(PageServerAndLazyFaultCloud cloud, ITestOutputHelper output) : FaultMatrix(cloud, output)
{
    public static TheoryData<StrategyKind, string, Fault> Matrix() => Cells(StrategyKind.PageServer, StrategyKind.Lazy);

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task Migrate_FaultAtBoundary_AppRunsWhereTheResultSaysWithItsStateAndNothingIsLeft(StrategyKind strategy, string boundary, Fault fault) =>
        RunCellAsync(strategy, boundary, fault);
}
