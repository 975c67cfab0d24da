namespace Ferry.Cli.Bench;

/// <summary>One cell of the bench on one link: an application at one data size or client count, moved by one strategy (or Podman) n times.</summary>
public sealed record BenchCell(string App, int SizeMb, int Clients, string Strategy)
{
    public override string ToString() =>
        $"{App}{(SizeMb > 0 ? $" {SizeMb} MiB" : "")}{(Clients > 0 ? $" {Clients} clients" : "")} {Strategy}";
}
