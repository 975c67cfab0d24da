using Ferry.MigrationSteps.Engine;

namespace Ferry.Cli.Bench;

/// <summary>What a running bench tells whoever watches it.</summary>
public interface IBenchProgress
{
    /// <summary>The number of migrations the bench will make.</summary>
    void Begin(int migrations);

    void Say(string line);

    void Starting(BenchCell cell, string link, int repetition);

    /// <summary>A step of the running migration (its output lines carry the transfer's bytes and rate).</summary>
    void Step(StepEvent e);

    void Finished(BenchRow row);
}
