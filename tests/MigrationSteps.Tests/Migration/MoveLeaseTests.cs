using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Migration;

namespace Ferry.MigrationSteps.Tests.Migration;

public class MoveLeaseTests : IDisposable
{
    private readonly string _stack = Directory.CreateTempSubdirectory("ferry-lease").FullName;

    public void Dispose() => Directory.Delete(_stack, recursive: true);

    [Fact]
    public void Take_TwoAppsAtOnce_GetDifferentPorts()
    {
        using var counter = MoveLease.Take(_stack, "counter", "run-1", 1);
        using var web = MoveLease.Take(_stack, "web", "run-2", 2);

        Assert.Equal([27100], counter.PagePorts);
        Assert.Equal([27101, 27102], web.PagePorts);
    }

    [Fact]
    public void Take_SameAppWhileItMoves_IsRefusedNamingTheRun()
    {
        using var first = MoveLease.Take(_stack, "counter", "run-1", 1);

        var error = Assert.Throws<AppException>(() => MoveLease.Take(_stack, "counter", "run-2", 1));

        Assert.Equal($"application counter is being moved right now by run run-1 (ferry process {Environment.ProcessId}); wait until that move ends", error.Message);
    }

    [Fact]
    public void Dispose_ReleasesTheAppAndItsPorts()
    {
        MoveLease.Take(_stack, "counter", "run-1", 1).Dispose();

        using var again = MoveLease.Take(_stack, "counter", "run-2", 1);

        Assert.Equal([27100], again.PagePorts);
        Assert.Equal(["app-counter", "port-27100"], Directory.GetFiles(Path.Combine(_stack, "moves")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Take_ClaimOfAProcessThatIsGone_IsTakenOver()
    {
        var moves = Directory.CreateDirectory(Path.Combine(_stack, "moves")).FullName;
        // pid_max is at most 2^22: no process has this pid.
        File.WriteAllText(Path.Combine(moves, "app-counter"), "99999999 run-killed");
        File.WriteAllText(Path.Combine(moves, "port-27100"), "99999999 run-killed");

        using var lease = MoveLease.Take(_stack, "counter", "run-2", 1);

        Assert.Equal([27100], lease.PagePorts);
    }
}
