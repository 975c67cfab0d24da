using System.Security.Cryptography;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// The passphrase a stack on a self-managed backend (<c>pulumi login --local</c>, or a bucket) encrypts its
/// secrets with. Without one, <c>pulumi stack select --create --non-interactive</c> stops and asks. Ferry
/// makes one per stack, keeps it in the stack's state (0600), and hands the Pulumi CLI the file's path
/// (<c>PULUMI_CONFIG_PASSPHRASE_FILE</c>), never the passphrase itself. A passphrase the user set
/// (<c>PULUMI_CONFIG_PASSPHRASE</c> or <c>PULUMI_CONFIG_PASSPHRASE_FILE</c>) wins; Pulumi Cloud ignores both.
/// </summary>
public static class PulumiPassphrase
{
    public const string Variable = "PULUMI_CONFIG_PASSPHRASE";
    public const string FileVariable = "PULUMI_CONFIG_PASSPHRASE_FILE";
    public const string FileName = "pulumi-passphrase";
    private const int Bytes = 32;

    /// <summary>What to add to the Pulumi CLI's environment: nothing when the user chose a passphrase, else the stack's own file.</summary>
    public static IReadOnlyDictionary<string, string> Environment(string stackStateDirectory, Func<string, string?> variable)
    {
        if (variable(Variable) is { Length: > 0 } || variable(FileVariable) is { Length: > 0 })
        {
            return new Dictionary<string, string>();
        }

        var path = Path.Combine(stackStateDirectory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(stackStateDirectory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, options);
            writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Bytes)));
        }

        return new Dictionary<string, string> { [FileVariable] = path };
    }
}
