namespace Ferry.Stacks.Pulumi;

/// <summary>
/// A resource Pulumi names itself when <paramref name="NameProperty"/> is not set: the logical name plus a
/// random suffix of <see cref="SuffixLength"/> characters, which must still fit the cloud's name rule.
/// </summary>
/// <param name="ResourceType">The type token.</param>
/// <param name="NameProperty">The input that names the resource in the cloud.</param>
/// <param name="MaxLength">The cloud's longest name for the type.</param>
/// <param name="Pattern">The cloud's name pattern, or null when any logical name fits.</param>
/// <param name="Source">Where the provider says so.</param>
public sealed record AutoNameRule(string ResourceType, string NameProperty, int MaxLength, ValueConstraint.Matches? Pattern, string Source)
{
    /// <summary>Pulumi's auto-naming appends a dash and seven random characters (azure-native: eight, no dash).</summary>
    public const int SuffixLength = 8;

    /// <summary>A name Pulumi could make from <paramref name="logicalName"/>.</summary>
    public static string Example(string logicalName) => $"{logicalName}-a1b2c3d";
}
