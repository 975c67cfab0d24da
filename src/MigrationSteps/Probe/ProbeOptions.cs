namespace Ferry.MigrationSteps.Probe;

/// <summary>How hard and how long the client probe pushes on the front.</summary>
/// <param name="Clients">Concurrent clients (the papers used 0 to 400).</param>
/// <param name="Seconds">Upper bound on the probe's run time.</param>
/// <param name="MaxRequests">Upper bound on the number of requests.</param>
/// <param name="TimeoutSeconds">A request that takes longer counts as failed.</param>
public sealed record ProbeOptions(int Clients, double Seconds = 120, int MaxRequests = 2_000_000, double TimeoutSeconds = 30)
{
    public const int MaxClients = 1000;

    public void Validate()
    {
        if (Clients is < 1 or > MaxClients)
        {
            throw new ArgumentException($"--probe takes 1..{MaxClients} clients, got {Clients}");
        }

        if (Seconds is <= 0 or > 3600)
        {
            throw new ArgumentException($"a probe runs for 0..3600 s, got {Seconds}");
        }
    }
}
