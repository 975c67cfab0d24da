namespace Ferry.Provisioning.Templates;

/// <summary>A template that is missing, malformed, or was given a value it cannot render safely.</summary>
public sealed class TemplateException(string message) : Exception(message);
