using System.Text.Json;

namespace Ferry.MigrationSteps.Steps;

/// <summary>The user-facing name of a step kind, which is also its template's name.</summary>
public static class StepKindNames
{
    public static string Name(this StepKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static string Template(this StepKind kind) => $"migrate/{kind.Name()}.sh";
}
