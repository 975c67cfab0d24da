using Ferry.Provisioning.Inventory;

namespace Ferry.MigrationSteps.Probe;

/// <summary>A running probe: where it works on the client host, and how it was started.</summary>
public sealed record ProbeSession(InventoryHost Client, string Work, ProbeOptions Options);
