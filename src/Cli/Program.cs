using System.CommandLine;
using Ferry.Cli.Commands;

var root = new RootCommand("ferry: stand up two clouds and live-migrate running containers between them")
{
    UpCommand.Create(),
    DownCommand.Create(),
    StatusCommand.Create(),
    SshCommand.Create(),
    ImageCommand.Create(),
    DemoCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
