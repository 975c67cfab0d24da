using Ferry.MigrationSteps.Probe;

namespace Ferry.MigrationSteps.Tests.Probe;

public sealed class ProbeWritesTests
{
    [Fact]
    public void Parse_Checked_CountsAcknowledgedAndLost()
    {
        Assert.Equal(new ProbeWrites(412, 3, null), ProbeWrites.Parse("""{"acknowledged": 412, "lost": 3, "lostIds": [7, 9, 11]}"""));
    }

    [Fact]
    public void Parse_CheckFailed_LostIsAbsentNotZero()
    {
        var writes = ProbeWrites.Parse("""{"acknowledged": 40, "error": "RuntimeError: GET /comments.php answered 503"}""");

        Assert.Equal(40, writes.Acknowledged);
        Assert.Null(writes.Lost);
        Assert.Equal("RuntimeError: GET /comments.php answered 503", writes.Error);
    }
}
