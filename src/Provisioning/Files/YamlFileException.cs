namespace Ferry.Provisioning.Files;

/// <summary>A stack or application file that cannot be used: names the file, line, field and what is expected.</summary>
public sealed class YamlFileException(string file, long line, long column, string field, string problem)
    : Exception($"{file}:{line}:{column}: {field}: {problem}")
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public string Field { get; } = field;
}
