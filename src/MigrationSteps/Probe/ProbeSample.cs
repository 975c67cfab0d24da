namespace Ferry.MigrationSteps.Probe;

/// <summary>One request the probe made: when it started and ended (epoch seconds), its status and the start of its answer.</summary>
public sealed record ProbeSample(int Client, double Start, double End, string Status, string Body)
{
    public bool Succeeded => Status == "200";

    public double LatencyMs => (End - Start) * 1000;

    public static IReadOnlyList<ProbeSample> ParseCsv(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(line => line.Split(',', 5))
            .Where(p => p.Length == 5)
            .Select(p => new ProbeSample(int.Parse(p[0]), double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), p[3], p[4]))
            .ToList();
}
