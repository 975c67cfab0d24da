using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Local;

/// <summary>Renders a template and runs it with bash on this machine.</summary>
public sealed class LocalScript(TemplateRenderer templates)
{
    public TemplateRenderer Templates { get; } = templates;

    public Task<CommandResult> RunAsync<TInputs>(TInputs inputs, TimeSpan? timeout = null, Action<string>? onOutputLine = null, CancellationToken cancellationToken = default)
        where TInputs : ITemplateInputs =>
        ProcessRunner.RunAsync("bash", ["-s"], Templates.Render(inputs), onOutputLine, timeout ?? Timeouts.Configure, cancellationToken: cancellationToken);

    public async Task<CommandResult> RunCheckedAsync<TInputs>(TInputs inputs, TimeSpan? timeout = null, Action<string>? onOutputLine = null, CancellationToken cancellationToken = default)
        where TInputs : ITemplateInputs
    {
        var result = await RunAsync(inputs, timeout, onOutputLine, cancellationToken);
        if (!result.Succeeded)
        {
            throw new LocalCloudException($"{TInputs.Template} failed (exit {result.ExitCode}):\n{result.Tail()}");
        }

        return result;
    }
}
