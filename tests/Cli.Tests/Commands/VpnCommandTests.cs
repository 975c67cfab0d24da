namespace Ferry.Cli.Tests.Commands;

public sealed class VpnCommandTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task VpnStatus_StackNotUp_SaysToRunUpAndExitsBadInput()
    {
        var (exitCode, output) = await _workspace.RunAsync("vpn", "status", "--stack", _workspace.Stack("local"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("run 'ferry up' first", output);
    }

    [Fact]
    public async Task VpnUp_VpnDisabled_SaysHowToEnableIt()
    {
        var stack = _workspace.Write("novpn.yaml", File.ReadAllText(_workspace.Stack("local")).Replace("name: local", "name: novpn") + "vpn: { enabled: false }\n");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(_workspace.State, "stacks", "novpn")).FullName, "inventory.json"),
            """{ "stack": "novpn", "cloud": "local", "appSubnet": "10.252.0.0/24", "hosts": [] }""");

        var (exitCode, output) = await _workspace.RunAsync("vpn", "up", "--stack", stack);

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Contains("has the VPN disabled: set 'vpn: { enabled: true }'", output);
    }
}
