namespace Ferry.MigrationSteps.Steps;

/// <summary>One container as every app and migration template sees it.</summary>
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
    IReadOnlyList<FileInput> Files);
