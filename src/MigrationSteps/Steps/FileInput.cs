namespace Ferry.MigrationSteps.Steps;

/// <summary>A file for the container's root file system; the content travels base64-encoded and quoted.</summary>
public sealed record FileInput(string Path, string ContentBase64, string Mode);
