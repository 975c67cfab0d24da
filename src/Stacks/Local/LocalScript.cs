using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Local;

/// <summary>Renders a template and runs it with bash on this machine.</summary>
public sealed class LocalScript(TemplateRenderer templates)
{
    public TemplateRenderer Templates { get; } = templates;

    public Task<CommandResult> RunAsync(string template, object model, TimeSpan? timeout = null, Action<string>? onOutputLine = null, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync("bash", ["-s"], Templates.Render(template, model), onOutputLine, timeout ?? TimeSpan.FromMinutes(2), cancellationToken: cancellationToken);

    public async Task<CommandResult> RunCheckedAsync(string template, object model, TimeSpan? timeout = null, Action<string>? onOutputLine = null, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(template, model, timeout, onOutputLine, cancellationToken);
        if (!result.Succeeded)
        {
            throw new LocalCloudException($"{template} failed (exit {result.ExitCode}):\n{result.Tail()}");
        }

        return result;
    }
}
