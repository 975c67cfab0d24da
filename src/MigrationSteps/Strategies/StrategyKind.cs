namespace Ferry.MigrationSteps.Strategies;

/// <summary>The strategy a user asks for (<c>--strategy</c>); <see cref="MigrationStrategy.For"/> gives its class.</summary>
public enum StrategyKind
{
    /// <summary>Chosen from both hosts' capabilities (<see cref="StrategyChooser"/>).</summary>
    Auto,

    /// <summary>Checkpoint, transfer, restore.</summary>
    Cold,

    /// <summary>Memory shipped while the application runs, then only what changed.</summary>
    Precopy,

    /// <summary>Memory streamed to a criu page server on the target during the dump.</summary>
    PageServer,

    /// <summary>Post-copy: restore first, memory follows on demand.</summary>
    Lazy,

    /// <summary>Memory shipped in rounds while the application runs, then only the pages that changed.</summary>
    Hybrid,
}
