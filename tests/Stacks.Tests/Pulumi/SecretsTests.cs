using System.Text.RegularExpressions;
using Ferry.Stacks.Pulumi;
using YamlDotNet.RepresentationModel;
using Xunit;

namespace Ferry.Stacks.Tests.Pulumi;

public partial class SecretsTests
{
    public static TheoryData<string> Pairs => new() { "aws-gcp", "aws-azure", "gcp-azure" };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Render_Pair_AsksForNoVpnKey(string stack)
    {
        var root = PulumiProgramChecker.Parse(TestStacks.Render(TestStacks.Load(stack)));

        // Ferry makes the pre-shared key and sends it to the gateways; a key in Pulumi config nobody used was a trap.
        Assert.Equal([PulumiStack.SshPublicKeyConfig], ((YamlMappingNode)root["config"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.DoesNotContain(((YamlMappingNode)root["outputs"]).Children.Keys, k => ((YamlScalarNode)k).Value!.Contains("psk", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Render_Pair_HoldsNoKeyMaterialOrSecretProperty(string stack)
    {
        var yaml = TestStacks.Render(TestStacks.Load(stack));
        var root = PulumiProgramChecker.Parse(yaml);
        var config = (YamlMappingNode)root["config"];
        var secretKeys = config.Children.Where(e => e.Value is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("secret")))
            .Select(e => ((YamlScalarNode)e.Key).Value!).ToHashSet();

        Assert.DoesNotMatch(KeyMaterial(), yaml);
        Assert.False(((YamlMappingNode)config[PulumiStack.SshPublicKeyConfig]).Children.ContainsKey(new YamlScalarNode("default")));
        foreach (var (path, value) in SecretLooking((YamlMappingNode)root["resources"], ""))
        {
            var reference = Regex.Match(value, @"^\$\{(\w+)\}$");
            Assert.True(reference.Success && secretKeys.Contains(reference.Groups[1].Value), $"{path} holds '{value}', not a reference to secret config");
        }
    }

    private static IEnumerable<(string Path, string Value)> SecretLooking(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value!;
                    var child = $"{path}.{name}";
                    if (SecretName().IsMatch(name) && value is YamlScalarNode scalar)
                    {
                        yield return (child, scalar.Value ?? "");
                    }

                    foreach (var found in SecretLooking(value, child))
                    {
                        yield return found;
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var found in sequence.Children.SelectMany((c, i) => SecretLooking(c, $"{path}[{i}]")))
                {
                    yield return found;
                }

                break;
        }
    }

    [GeneratedRegex("^(admin)?password$|secret$|psk$|privatekey$|^token$|accesskey$|secretkey$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"ssh-(ed25519|rsa|dss) AAAA|ecdsa-sha2-nistp\d+ AAAA|BEGIN [A-Z ]*PRIVATE KEY")]
    private static partial Regex KeyMaterial();
}
