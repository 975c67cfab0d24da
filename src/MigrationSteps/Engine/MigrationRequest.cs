using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Planning;

namespace Ferry.MigrationSteps.Engine;

/// <summary>One migration as the user asked for it.</summary>
/// <param name="App">The application to move.</param>
/// <param name="From">The host it runs on now.</param>
/// <param name="To">The host it should run on.</param>
/// <param name="Strategy">How to move its memory.</param>
/// <param name="Compress">Compress the images rsync sends (zstd level 1).</param>
/// <param name="RunsDirectory">Where runs/&lt;id&gt;/ is written.</param>
/// <param name="InsecureDirect">Skip the VPN check; refused unless both hosts are in one site.</param>
public sealed record MigrationRequest(
    AppDefinition App,
    string From,
    string To,
    MigrationStrategy Strategy = MigrationStrategy.Auto,
    bool Compress = false,
    string RunsDirectory = "runs",
    bool InsecureDirect = false);
