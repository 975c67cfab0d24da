using System.CommandLine;
using Ferry.Cli.Commands;

namespace Ferry.Cli;

/// <summary>The <c>ferry</c> root command with every subcommand; Program.cs and the tests build it the same way.</summary>
public static class FerryCommand
{
    public static RootCommand Create() => new("ferry: stand up two clouds and live-migrate running containers between them")
    {
        UpCommand.Create(),
        DownCommand.Create(),
        StatusCommand.Create(),
        SshCommand.Create(),
        InventoryCommand.Create(),
        RenderCommand.Create(),
        ImageCommand.Create(),
        AppCommand.Create(),
        MigrateCommand.Create(),
        ProbeCommand.Create(),
        BenchCommand.Create(),
        ReportCommand.Create(),
        VpnCommand.Create(),
        DemoCommand.Create(),
        SmokeCommand.Create(),
        DashboardCommand.Create(),
    };
}
