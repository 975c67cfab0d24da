namespace Ferry.Provisioning.Playbooks;

/// <summary>One service the HAProxy front publishes.</summary>
/// <param name="Name">Service name (app_container); HAProxy's frontend and backend carry it.</param>
/// <param name="Mode">http or tcp.</param>
/// <param name="Bind">The address HAProxy listens on: the front's own (private) address, which a cloud's 1:1 NAT maps its public one onto.</param>
/// <param name="FrontPort">The port clients connect to.</param>
/// <param name="Address">The application's address (it keeps it wherever it runs).</param>
/// <param name="Port">The application's port.</param>
/// <param name="Maxconn">The server's maxconn in normal operation (1 while the application is frozen).</param>
public sealed record FrontService(string Name, string Mode, string Bind, int FrontPort, string Address, int Port, int Maxconn = FrontService.DefaultMaxconn)
{
    /// <summary>The server's maxconn when the application sets none.</summary>
    public const int DefaultMaxconn = 4096;

    public bool Http => Mode == "http";
}
