using Xunit;

namespace Ferry.TestSupport;

/// <summary>
/// Compares generated text with a committed file. With FERRY_UPDATE_GOLDEN=1 it rewrites a file that
/// differs and still fails, so an update is never mistaken for a pass: run again without it.
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "FERRY_UPDATE_GOLDEN";

    /// <summary>Checks every file before failing, so one update run rewrites them all.</summary>
    public static void CheckAll(IEnumerable<(string Path, string Actual)> files, string howToRegenerate)
    {
        var failures = new List<string>();
        foreach (var (path, actual) in files)
        {
            try
            {
                Check(path, actual, howToRegenerate);
            }
            catch (Xunit.Sdk.FailException e)
            {
                failures.Add(e.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static void Check(string path, string actual, string howToRegenerate)
    {
        var expected = File.Exists(path) ? File.ReadAllText(path) : null;
        if (expected == actual)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.Fail($"{path} was rewritten; review the diff, then run the tests again without {UpdateVariable}");
        }

        Assert.Fail($"{path} is out of date; {howToRegenerate}, then review and commit the diff");
    }
}
