namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>What goes wrong on a host while one step of a move runs there.</summary>
public enum Fault
{
    /// <summary>The step's script (its whole process group) and every criu on the host are killed.</summary>
    ProcessKilled,

    /// <summary>The host's ssh connections are cut and new ones refused, for a few seconds (a network blip).</summary>
    SshCut,

    /// <summary>The directory the step writes images to is full while the step runs.</summary>
    DiskFull,

    /// <summary>Every process of the host is killed (its containers and sshd too); it comes back a few seconds later, as after a crash and reboot.</summary>
    HostGone,

    /// <summary>Every criu on the host is killed while one holds the container's network locked (mid-dump): the step's script lives on.</summary>
    CriuKilled,
}
