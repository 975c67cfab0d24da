using Ferry.Provisioning.Network;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Tests.Model;

public class CidrTests
{
    [Theory]
    [InlineData("10.10.1.0/24", true)]
    [InlineData("10.10.1.5/24", false)]
    [InlineData("10.10.1.0", false)]
    [InlineData("fe80::/64", false)]
    [InlineData("10.10.1.0/31", false)]
    public void TryParse_Text_AcceptsOnlyNetworkAddresses(string text, bool valid)
    {
        Assert.Equal(valid, Cidr.TryParse(text, out _));
    }

    [Fact]
    public void Host_Index_CountsFromTheNetwork()
    {
        Assert.Equal("10.10.1.10", Cidr.Parse("10.10.1.0/24").Host(10).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => Cidr.Parse("10.10.1.0/24").Host(255));
    }

    [Fact]
    public void Overlaps_NestedRanges_IsTrue()
    {
        Assert.True(Cidr.Parse("10.0.0.0/8").Overlaps(Cidr.Parse("10.10.1.0/24")));
        Assert.False(Cidr.Parse("10.10.1.0/24").Overlaps(Cidr.Parse("10.10.2.0/24")));
    }
}
