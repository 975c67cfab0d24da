using Ferry.Provisioning.Processes;

namespace Ferry.Provisioning.Tests.Ssh;

/// <summary>Key pairs made with ssh-keygen in a directory removed afterwards, and ssh-keygen's own fingerprints of them.</summary>
public sealed class TestKeys : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ferry-keys-").FullName;

    /// <summary>Makes a key pair and returns the private key's path (the public key is beside it with .pub).</summary>
    public async Task<string> MakeAsync(string type, string name)
    {
        var path = Path.Combine(Directory, name);
        var result = await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "test", "-f", path]);
        Assert.True(result.Succeeded, $"ssh-keygen -t {type}: {result.Tail()}");
        return path;
    }

    /// <summary>The <c>SHA256:…</c> field of <c>ssh-keygen -lf</c> for a public key or known_hosts file.</summary>
    public static async Task<string> SshKeygenFingerprintAsync(string file)
    {
        var result = await ProcessRunner.RunAsync("ssh-keygen", ["-l", "-E", "sha256", "-f", file]);
        Assert.True(result.Succeeded, $"ssh-keygen -lf {file}: {result.Tail()}");
        return result.StandardOutput.Split(' ')[1];
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
