namespace Ferry.Stacks.Tests.Pulumi;

/// <summary>A host as a rendered program declares it: its instance resource, name, role and site.</summary>
public sealed record RenderedHost(string Resource, string Name, string Role, string Site);
