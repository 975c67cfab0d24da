namespace Ferry.MigrationSteps.Apps;

/// <summary>A file placed in a container's root file system at deploy time.</summary>
public sealed record ContainerFile(string Path, string Content, string Mode = "0644");
