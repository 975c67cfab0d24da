using System.CommandLine;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Pulumi;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry render</c>: renders kind: pulumi stacks into their committed programs (stacks/pulumi/&lt;name&gt;/),
/// the same path the golden test regenerates with.
/// </summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var stack = new Option<string?>("--stack", "-s") { Description = "one kind: pulumi stack file (default: every pulumi stack in --stacks)" };
        var stacks = new Option<string>("--stacks") { Description = "the stacks folder", DefaultValueFactory = _ => "stacks" };
        var command = new Command("render", "render kind: pulumi stacks into Pulumi YAML programs under stacks/pulumi/") { stack, stacks };
        command.SetAction(parse => ErrorReporting.RunAsync(() =>
        {
            if (parse.GetValue(stack) is { } one)
            {
                new PulumiDeployment(CliContext.Load(one), Say).Render();
                return Task.FromResult(ExitCodes.Ok);
            }

            var dir = parse.GetValue(stacks)!;
            if (!Directory.Exists(dir))
            {
                throw new UsageException($"no stacks folder {dir}; run from the repository root or pass --stacks");
            }

            var programs = PulumiStack.RenderAll(dir, new TemplateRenderer().Root);
            foreach (var program in programs)
            {
                var target = Path.Combine(dir, "pulumi", program.Stack.Name);
                var changed = PulumiProgramWriter.WriteToDirectory(target, program);
                Say($"{Path.Combine(target, PulumiProgramWriter.ProgramFile)}: {(changed ? "changed" : "unchanged")}");
            }

            AnsiConsole.MarkupLineInterpolated($"{programs.Count} pulumi stacks rendered");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static void Say(string line) => AnsiConsole.MarkupLineInterpolated($"{line}");
}
