using System.Text;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// Logical names for the program. Stack, site and host names are kebab-case, but Pulumi YAML references
/// (<c>${name.prop}</c>) are safest with identifier-like names, so names are camelCased.
/// </summary>
public static class PulumiNames
{
    /// <summary>Joins kebab-case parts into one camelCase name: ("aws-east", "vpc") gives "awsEastVpc".</summary>
    public static string Of(params string[] parts)
    {
        var builder = new StringBuilder();
        foreach (var word in parts.SelectMany(p => p.Split('-', StringSplitOptions.RemoveEmptyEntries)))
        {
            builder.Append(builder.Length == 0 ? word[..1].ToLowerInvariant() : word[..1].ToUpperInvariant());
            builder.Append(word[1..]);
        }

        return builder.ToString();
    }
}
