using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Planning;
using Ferry.Provisioning.Files;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Local;
using Ferry.Stacks.Policy;
using Ferry.Stacks.Pulumi;
using Spectre.Console;

namespace Ferry.Cli;

/// <summary>Turns the errors users can fix into one clear line and an exit code; anything else is a bug and shows its stack.</summary>
public static class ErrorReporting
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsBadInput(e))
        {
            return Report(e, ExitCodes.BadInput);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[red]interrupted[/]");
            return ExitCodes.Interrupted;
        }
        catch (PulumiCliException e) when (e.NotInstalled)
        {
            return Report(e, ExitCodes.MissingTool);
        }
        catch (Exception e) when (IsFailure(e))
        {
            return Report(e, ExitCodes.Failed);
        }
    }

    /// <summary>Whether <paramref name="e"/> is one of the errors a user can act on (reported as one line, not as a bug).</summary>
    public static bool IsUserFacing(Exception e) => IsBadInput(e) || IsFailure(e);

    private static bool IsBadInput(Exception e) =>
        e is YamlFileException or InventoryException or PulumiRenderException or NetworkPolicyException or UsageException or AppException or PlanValidationException or VpnKeyException or ArgumentException;

    private static bool IsFailure(Exception e) =>
        e is LocalCloudException or TemplateException or PulumiCliException or RemoteTaskException or RemoteShellException or ProgramNotFoundException;

    private static int Report(Exception e, int exitCode)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
        return exitCode;
    }
}
