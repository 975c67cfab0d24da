namespace Ferry.Provisioning.Inventory;

/// <summary>An inventory that is missing, malformed, or lacks a host asked for.</summary>
public sealed class InventoryException(string message) : Exception(message);
