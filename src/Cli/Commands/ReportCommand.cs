using System.CommandLine;
using Ferry.Cli.Reports;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry report DIR</c>: report.html for one move (runs/&lt;id&gt;) or a whole bench (bench/&lt;time&gt;).</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "a run directory (runs/<id>) or a bench directory (bench/<time>)" };
        var output = new Option<string?>("--output", "-o") { Description = "where to write the page (default: DIR/report.html)" };
        var command = new Command("report", "write a self-contained HTML report with plots for one move or a bench") { directory, output };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            var dir = parse.GetValue(directory)!;
            if (!Directory.Exists(dir))
            {
                throw new UsageException($"dir: {dir} does not exist; give runs/<id> or bench/<time>");
            }

            var page = File.Exists(Path.Combine(dir, "result.json")) ? RunReport.Build(dir) : BenchReport.Build(dir);
            var path = parse.GetValue(output) ?? Path.Combine(dir, "report.html");
            await page.WriteAsync(path, ct);
            AnsiConsole.MarkupLineInterpolated($"report: {path}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
