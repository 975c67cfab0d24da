namespace Ferry.Stacks.Pulumi;

/// <summary>A value in a Pulumi YAML program; the typed tree is built from these and serialized once.</summary>
public abstract record PulumiValue
{
    public static PulumiValue Str(string value) => new PulumiString(value);

    public static PulumiValue Bool(bool value) => new PulumiBoolean(value);

    public static PulumiReference Ref(string root, string? path = null) => new(root, path);

    public static PulumiValue Interpolate(params PulumiValue[] parts) => new PulumiInterpolation(parts);

    public static PulumiValue List(params PulumiValue[] items) => new PulumiList(items);

    public static PulumiValue Strings(IEnumerable<string> items) => new PulumiList(items.Select(Str).ToList());

    public static PulumiMap Map(params (string Key, PulumiValue? Value)[] entries) => PulumiMap.Of(entries);

    public static PulumiValue ToBase64(PulumiValue value) => new PulumiBuiltin("fn::toBase64", value);

    public static implicit operator PulumiValue(string value) => new PulumiString(value);

    public static implicit operator PulumiValue(int value) => new PulumiNumber(value);

    public static implicit operator PulumiValue(bool value) => new PulumiBoolean(value);
}
