using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Where an application runs now; written at deploy and after every migration.</summary>
public sealed record AppPlacement(
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("lastRun")] string? LastRun = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string Directory(string stackDirectory) => Path.Combine(stackDirectory, "apps");

    public static AppPlacement? Load(string stackDirectory, string app)
    {
        var path = Path.Combine(Directory(stackDirectory), app + ".json");
        return File.Exists(path) ? JsonSerializer.Deserialize<AppPlacement>(File.ReadAllText(path), Json) : null;
    }

    public static IReadOnlyList<AppPlacement> All(string stackDirectory) =>
        System.IO.Directory.Exists(Directory(stackDirectory))
            ? System.IO.Directory.GetFiles(Directory(stackDirectory), "*.json").Order()
                .Select(f => JsonSerializer.Deserialize<AppPlacement>(File.ReadAllText(f), Json)!).ToList()
            : [];

    public void Save(string stackDirectory)
    {
        System.IO.Directory.CreateDirectory(Directory(stackDirectory));
        var path = Path.Combine(Directory(stackDirectory), App + ".json");
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static void Delete(string stackDirectory, string app) =>
        File.Delete(Path.Combine(Directory(stackDirectory), app + ".json"));
}
