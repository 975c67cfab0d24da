using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Sampling;

/// <summary>sample: the application's memory use on the source (rewrites over <paramref name="Seconds"/>, then touches over as long), and the link to the target when asked.</summary>
/// <param name="MeasureBytes">Bytes to send to the target to measure the link; 0 when the stack says its rate.</param>
public sealed record SampleInputs(IReadOnlyList<string> Ids, double Seconds, string TargetIp, long MeasureBytes) : ITemplateInputs
{
    public static string Template => "migrate/sample.sh";
}
