using System.Text.Json;

namespace Ferry.Stacks.Local;

/// <summary>What a local stack has created, kept on disk before anything is created so a later down finds leftovers.</summary>
public sealed record LocalCloudState(string Stack, string Phase, string StackFile, long? PipeMaxSizeBefore, DateTimeOffset Started)
{
    public const string Booting = "booting";
    public const string Up = "up";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string PathFor(string stack) => System.IO.Path.Combine(FerryPaths.Stack(stack), "state.json");

    public static LocalCloudState? Load(string stack)
    {
        var path = PathFor(stack);
        return File.Exists(path) ? JsonSerializer.Deserialize<LocalCloudState>(File.ReadAllText(path), Json) : null;
    }

    public void Save()
    {
        var path = PathFor(Stack);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
