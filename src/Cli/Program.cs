using System.CommandLine;
using Ferry.Cli;
using Spectre.Console;

// Piped into a file or a CI log: no colour codes, and tables that do not wrap at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Out = new AnsiConsoleOutput(Console.Out),
    });
    AnsiConsole.Profile.Width = 160;
}

// ferry handles SIGINT and SIGTERM itself: the library's handler would end the process while a rollback runs.
using var interruption = new Interruption();
return await FerryCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interruption.Token);
