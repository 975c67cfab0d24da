namespace Ferry.MigrationSteps.Steps;

/// <summary>One container as every app and migration template sees it.</summary>
/// <param name="HealthHttp">The path of its HTTP health check, or empty.</param>
/// <param name="HealthSend">What its TCP health check sends, or empty (with an empty HealthHttp: a TCP connect counts).</param>
/// <param name="HealthExpect">How the TCP health check's answer starts.</param>
public sealed record ContainerInputs(
    string Id,
    string Bundle,
    string Netns,
    string Veth,
    string Address,
    string Gateway,
    string Port,
    string Images,
    string ConfigJson,
    string PageServerPort,
    IReadOnlyList<FileInput> Files,
    string HealthHttp = "",
    string HealthSend = "",
    string HealthExpect = "");
