namespace Ferry.Stacks.Local;

/// <summary>Where ferry keeps its state on this machine (FERRY_STATE overrides /var/lib/ferry).</summary>
public static class FerryPaths
{
    public static string Root => Environment.GetEnvironmentVariable("FERRY_STATE") is { Length: > 0 } dir ? dir : "/var/lib/ferry";

    public static string Images => Path.Combine(Root, "images");

    public static string Stack(string name) => Path.Combine(Root, "stacks", name);

    /// <summary>Where every cloud, local or real, leaves the stack's inventory.</summary>
    public static string Inventory(string stack) => Path.Combine(Stack(stack), "inventory.json");
}
