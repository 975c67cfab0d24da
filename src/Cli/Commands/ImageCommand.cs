using System.CommandLine;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry image build|status</c>: the host image every local host boots from.</summary>
public static class ImageCommand
{
    public static Command Create()
    {
        var build = new Command("build", "build the host image (cached; a rerun is instant)");
        build.SetAction((_, ct) => ErrorReporting.RunAsync(async () =>
        {
            var image = CliContext.Image();
            await image.BuildAsync(line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"), ct);
            AnsiConsole.MarkupLineInterpolated($"image {image.Key}: {image.Directory}");
            return ExitCodes.Ok;
        }));
        var status = new Command("status", "show whether the host image is built, where, and its size");
        status.SetAction(_ =>
        {
            var image = CliContext.Image();
            var size = image.SizeBytes();
            var table = new Table().AddColumns("key", "state", "path", "size", "criu");
            table.AddRow(image.Key, image.IsReady ? "[green]ready[/]" : "[yellow]not built[/]", image.Directory,
                size is { } s ? $"{s / (1 << 20)} MiB" : "-", $"{Ferry.Stacks.Local.HostImage.CriuVersion} ({Ferry.Stacks.Local.HostImage.CriuSuite})");
            AnsiConsole.Write(table);
            return image.IsReady ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return new Command("image", "the host image (Debian trixie + criu from forky)") { build, status };
    }
}
