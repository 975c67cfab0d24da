using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Pulumi;

/// <summary>The GCE startup script; takes nothing.</summary>
public sealed record GceStartupInputs : ITemplateInputs
{
    public static string Template => CloudInitTemplates.GceStartupFile;
}
