using Ferry.Stacks.Pulumi;
using Xunit;
using static Ferry.Stacks.Pulumi.PulumiValue;

namespace Ferry.Stacks.Tests.Pulumi;

public class PulumiYamlSerializerTests
{
    private static string Serialize(PulumiMap properties) => new PulumiProgram("ferry", "d", [], [],
        [new PulumiResource("r", "aws:ec2:Vpc", properties, new PulumiResourceOptions(Ref("p"), "7.48.0"))], PulumiMap.Empty).ToYaml();

    [Fact]
    public void Serialize_LiteralWithDollarBrace_EscapesItSoPulumiDoesNotInterpolate()
    {
        var yaml = Serialize(Map(("a", "echo ${HOME}"), ("b", Interpolate("x ${y} ", Ref("vpc", "id")))));

        Assert.Contains("a: echo $${HOME}\n", yaml);
        Assert.Contains("b: x $${y} ${vpc.id}\n", yaml);
    }

    [Fact]
    public void Serialize_StringsThatLookTyped_AreQuotedAndNumbersAreNot()
    {
        var yaml = Serialize(Map(("protocol", "-1"), ("esp", "50"), ("flag", "true"), ("port", 50), ("enabled", true), ("ip", "10.0.0.1")));

        Assert.Contains("protocol: \"-1\"\n", yaml);
        Assert.Contains("esp: \"50\"\n", yaml);
        Assert.Contains("flag: \"true\"\n", yaml);
        Assert.Contains("port: 50\n", yaml);
        Assert.Contains("enabled: true\n", yaml);
        Assert.Contains("ip: \"10.0.0.1\"\n", yaml);
    }

    [Fact]
    public void Serialize_MultiLineText_IsALiteralBlock()
    {
        var yaml = Serialize(Map(("userData", "#cloud-config\nhostname: a\n")));

        Assert.Contains("userData: |\n        #cloud-config\n        hostname: a\n", yaml);
    }

    [Fact]
    public void Serialize_Program_HasPinnedProviderAndNoDocumentMarkers()
    {
        var yaml = Serialize(PulumiMap.Empty);

        Assert.Equal("name: ferry\ndescription: d\nresources:\n  r:\n    type: aws:ec2:Vpc\n    options:\n      provider: ${p}\n      version: \"7.48.0\"\noutputs: {}\n", yaml);
    }
}
