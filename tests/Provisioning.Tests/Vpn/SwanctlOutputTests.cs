using Ferry.Provisioning.Vpn;

namespace Ferry.Provisioning.Tests.Vpn;

public class SwanctlOutputTests
{
    // swanctl --list-sas --pretty on a gateway of the local cloud (strongSwan 6.0.1), trimmed.
    private const string Established = """
        list-sa event {
          gcp {
            uniqueid = 1
            version = 2
            state = ESTABLISHED
            local-host = 10.251.0.1
            local-port = 4500
            remote-host = 10.251.0.2
            initiator = yes
            child-sas {
              gcp-1 {
                name = gcp
                uniqueid = 1
                state = INSTALLED
                mode = TUNNEL
                protocol = ESP
                encr-alg = AES_GCM_16
                encr-keysize = 256
                bytes-in = 168
                packets-in = 2
                bytes-out = 336
                packets-out = 4
                local-ts = [
                  10.10.1.0/24
                ]
                remote-ts = [
                  10.10.2.0/24
                ]
              }
            }
          }
        }
        list-sas reply {
        }
        """;

    [Fact]
    public void ParseSas_EstablishedTunnel_ReadsStatesCountersAndSelectors()
    {
        var ike = Assert.Single(SwanctlOutput.ParseSas(Established));

        Assert.Equal(("gcp", "ESTABLISHED", "10.251.0.1", "10.251.0.2"), (ike.Name, ike.State, ike.LocalHost, ike.RemoteHost));
        var child = Assert.Single(ike.Children);
        Assert.Equal(new ChildSa("gcp", "INSTALLED", "AES_GCM_16-256", 168, 2, 336, 4, child.LocalTs, child.RemoteTs), child);
        Assert.Equal(["10.10.1.0/24"], child.LocalTs);
        Assert.Equal(["10.10.2.0/24"], child.RemoteTs);
    }

    [Fact]
    public void ParseSas_NoSas_IsEmpty()
    {
        Assert.Empty(SwanctlOutput.ParseSas("list-sas reply {\n}\n"));
    }

    [Fact]
    public void Fault_ChildInstalled_IsNull()
    {
        var status = new GatewayVpnStatus("aws-gw", GatewayVpnStatus.Running, SwanctlOutput.ParseSas(Established));

        Assert.Null(status.Fault("gcp"));
        Assert.Equal("charon runs but has no installed child SA 'azure'", status.Fault("azure"));
    }

    [Theory]
    [InlineData("charon-down", "charon is not running")]
    [InlineData("not-configured", "no VPN configured")]
    public void Fault_NoDaemon_SaysWhy(string daemon, string expected)
    {
        Assert.Equal(expected, new GatewayVpnStatus("aws-gw", daemon, []).Fault("gcp"));
    }
}
