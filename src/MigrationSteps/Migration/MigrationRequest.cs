using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Strategies;

namespace Ferry.MigrationSteps.Migration;

/// <summary>One migration as the user asked for it.</summary>
/// <param name="App">The application to move.</param>
/// <param name="From">The host it runs on now.</param>
/// <param name="To">The host it should run on.</param>
/// <param name="Strategy">How to move its memory.</param>
/// <param name="Compress">Compress the images rsync sends (zstd level 3); callers default it by the link (see the CLI's <c>CliContext.CompressByDefault</c>).</param>
/// <param name="InsecureDirect">Skip the VPN check; refused unless both hosts are in one site.</param>
public sealed record MigrationRequest(
    AppDefinition App,
    string From,
    string To,
    StrategyKind Strategy = StrategyKind.Auto,
    bool Compress = false,
    bool InsecureDirect = false);
