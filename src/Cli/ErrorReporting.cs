using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Files;
using Ferry.Stacks.Local;
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
        catch (Exception e) when (e is StackFileException or InventoryException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is LocalCloudException or TemplateException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
