using Ferry.Cli;
using Spectre.Console;

// Piped into a file or CI log, tables should not wrap at Spectre's 80-column default.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}

return await FerryCommand.Create().Parse(args).InvokeAsync();
