namespace Ferry.Stacks.Pulumi;

/// <summary>A YAML mapping that keeps its keys in the order they were given.</summary>
public sealed record PulumiMap(IReadOnlyList<KeyValuePair<string, PulumiValue>> Entries) : PulumiValue
{
    public static PulumiMap Empty { get; } = new([]);

    /// <summary>Builds a map, dropping entries whose value is null so optional properties can be written inline.</summary>
    public static PulumiMap Of(params (string Key, PulumiValue? Value)[] entries)
    {
        var list = new List<KeyValuePair<string, PulumiValue>>();
        foreach (var (key, value) in entries)
        {
            if (value is null)
            {
                continue;
            }

            if (list.Any(e => e.Key == key))
            {
                throw new ArgumentException($"key '{key}' is given twice", nameof(entries));
            }

            list.Add(new(key, value));
        }

        return new PulumiMap(list);
    }
}
