namespace Ferry.MigrationSteps.Apps;

/// <summary>An application: containers that move together.</summary>
/// <param name="Name">Application name.</param>
/// <param name="Description">One line for people.</param>
/// <param name="Containers">Its containers, started in order.</param>
/// <param name="Load">Optional command run on the host after deploy to load data (env APP_IP, DATA_MB).</param>
public sealed record AppDefinition(string Name, string Description, IReadOnlyList<ContainerDefinition> Containers, IReadOnlyList<string>? Load)
{
    public ContainerDefinition Container(string name) =>
        Containers.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"app '{Name}' has no container '{name}'", nameof(name));
}
