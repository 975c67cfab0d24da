using System.Text.Encodings.Web;
using System.Text.Json;
using Ferry.MigrationSteps.Results;

namespace Ferry.Cli.Dashboard;

/// <summary>The API's JSON: the result document's names and enums, on one line (an event stream's data is one line).</summary>
public static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(MigrationResult.Json)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
