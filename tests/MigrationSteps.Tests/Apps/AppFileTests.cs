using Ferry.MigrationSteps.Apps;
using Ferry.Provisioning.Files;
using Ferry.Stacks.Files;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Apps;

public sealed class AppFileTests
{
    private static readonly string Apps = Path.Combine(RepoPaths.Stacks, "apps");

    private static string Reject(string yaml) =>
        Assert.Throws<YamlFileException>(() => AppFile.Parse("demo.yaml", yaml)).Message;

    [Fact]
    public void Load_ShippedCounter_Parses()
    {
        var app = AppFile.Load(Apps, "counter");

        Assert.Equal(("counter", "in-memory HTTP counter (state lives only in the process's memory)"), (app.Name, app.Description));
        var c = Assert.Single(app.Containers);
        Assert.Equal(("counter", "10.252.0.10", 128), (c.Name, c.Address, c.MemoryMb));
        Assert.Equal(["python3", "-u", "/app/counter.py"], c.Command);
        Assert.Equal([8080], c.Ports);
        var file = Assert.Single(c.Files);
        Assert.Equal(("/app/counter.py", "0644"), (file.Path, file.Mode));
        Assert.StartsWith("import http.server\ncount = 0\n", file.Content);
        Assert.Empty(c.Environment);
        Assert.Null(app.Load);
        Assert.Equal(new HealthDefinition("/peek", null, null), c.Health);
    }

    [Fact]
    public void Load_ShippedRedis_Parses()
    {
        var app = AppFile.Load(Apps, "redis");

        var c = Assert.Single(app.Containers);
        Assert.Equal(("redis", "10.252.0.20", 2048), (c.Name, c.Address, c.MemoryMb));
        Assert.Equal(["redis-server", "--port", "6379", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no", "--dir", "/data"], c.Command);
        Assert.Equal([6379], c.Ports);
        Assert.Empty(c.Files);
        Assert.Equal(3, app.Load!.Count);
        Assert.Equal(["python3", "-c"], app.Load.Take(2));
        Assert.Equal(new HealthDefinition(null, "PING\r\n", "+PONG"), c.Health);
        Assert.Equal(new ProbeDefinition(null, "GET key:{n}\r\n", "$4096", "EVAL \"return #redis.call('KEYS','key:*')\" 0\r\n"), c.Probe);
    }

    [Fact]
    public void Load_ShippedWordpress_TwoContainersAndACommentProbe()
    {
        var app = AppFile.Load(Apps, "wordpress");

        Assert.Equal(["db", "web"], app.Containers.Select(c => c.Name));
        var (db, web) = (app.Containers[0], app.Containers[1]);
        Assert.Null(db.Front);
        Assert.Equal(new FrontDefinition(8082, "http", 3), web.Front);
        Assert.Equal(new HealthDefinition("/health.php", null, null), web.Health);
        Assert.Equal(new ProbeDefinition("/", null, null, null, new CommentsDefinition(10, "/comments.php")), web.Probe);
        Assert.Contains(web.Files, f => f.Path == "/app/site/comments.php");
    }

    [Theory]
    [InlineData("front: { port: 80, mode: http, maxconn: 0 }", "maxconn")]
    [InlineData("front: { port: 80, mode: tcp }\n    probe: { send: x, expect: y, comments: { every: 10, list: /c } }", "comments are posted over HTTP")]
    [InlineData("front: { port: 80, mode: http }\n    probe: { http: /, comments: { list: /c } }", "comments need every: N")]
    [InlineData("front: { port: 80, mode: http }\n    probe: { http: /, comments: { every: 10 } }", "comments need list: /path")]
    [InlineData("front: { port: 80, mode: http }\n    probe: { http: /, comments: { every: 0, list: /c } }", "every")]
    [InlineData("front: { port: 80, mode: http }\n    probe: { http: /, comments: { every: 10, list: c } }", "expected a path starting with '/', got 'c'")]
    [InlineData("front: { port: 80, mode: http }\n    probe: { http: /, send: x, expect: y }", "either http (a GET answered 200) or send and expect (a TCP exchange), not both")]
    [InlineData("front: { port: 80, mode: tcp }\n    probe: { send: x }", "a TCP probe needs both send and expect")]
    [InlineData("front: { port: 80, mode: tcp }\n    probe: { send: \"GET k{n}\", expect: y }", "{n} in send and count go together")]
    [InlineData("probe: { http: / }", "the probe talks to the front: publish the container with front: { port, mode }")]
    public void Parse_BadProbe_NamesTheFieldAndTheFix(string probe, string problem)
    {
        Assert.Contains(problem,
            Reject($"name: demo\ncontainers:\n  - name: web\n    address: 10.252.0.30\n    command: [a]\n    ports: [80]\n    {probe}\n"));
    }

    [Theory]
    [InlineData("{ http: /h, send: x, expect: y }", "either http (a GET answered 200) or send and expect (a TCP exchange), not both")]
    [InlineData("{ send: x }", "a TCP health check needs both send and expect")]
    [InlineData("{ http: health }", "expected a path starting with '/', got 'health'")]
    public void Parse_BadHealth_NamesTheFieldAndTheFix(string health, string problem)
    {
        Assert.Contains(problem,
            Reject($"name: demo\ncontainers:\n  - name: web\n    address: 10.252.0.30\n    command: [a]\n    ports: [80]\n    health: {health}\n"));
    }

    [Fact]
    public void Parse_HealthWithoutPorts_Rejected()
    {
        Assert.Contains("a health check needs ports",
            Reject("name: demo\ncontainers:\n  - name: web\n    address: 10.252.0.30\n    command: [a]\n    health: { http: /h }\n"));
    }

    [Fact]
    public void Load_UnknownApp_ListsKnownOnes()
    {
        var e = Assert.Throws<YamlFileException>(() => AppFile.Load(Apps, "nginx"));

        Assert.Equal($"{Path.Combine(Apps, "nginx.yaml")}:0:0: (app): no application 'nginx'; known: counter, reader, redis, redis-text, wordpress", e.Message);
    }

    [Fact]
    public void Parse_MissingAddress_NamesLineColumnAndField()
    {
        Assert.Equal(
            "demo.yaml:3:5: containers[0].address: missing; expected the container's IPv4 address in the stack's apps subnet, such as 10.252.0.10",
            Reject("name: demo\ncontainers:\n  - name: web\n    command: [sleep, \"60\"]\n"));
    }

    [Theory]
    [InlineData("10.252.0.300")]
    [InlineData("fd00::10")]
    [InlineData("web")]
    [InlineData("10.252.10")]
    [InlineData("010.252.0.10")]
    [InlineData("0x0a.252.0.10")]
    [InlineData("184287242")]
    public void Parse_BadAddress_NamesLineColumnAndField(string address)
    {
        Assert.Equal(
            $"demo.yaml:4:14: containers[0].address: expected an IPv4 address such as 10.252.0.10, got '{address}'",
            Reject($"name: demo\ncontainers:\n  - name: web\n    address: {address}\n    command: [sleep, \"60\"]\n"));
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("0")]
    [InlineData("http")]
    public void Parse_BadPort_NamesLineColumnAndItem(string port)
    {
        Assert.Equal(
            $"demo.yaml:6:19: containers[0].ports[1]: expected a TCP port (1..65535), got '{port}'",
            Reject($"name: demo\ncontainers:\n  - name: web\n    address: 10.252.0.30\n    command: [sleep, \"60\"]\n    ports: [8080, {port}]\n"));
    }

    [Theory]
    [InlineData("app/main.py")]
    [InlineData("/app/../etc/passwd")]
    public void Parse_FilePathNotAbsolute_NamesLineColumnAndField(string path)
    {
        Assert.Equal(
            $"demo.yaml:7:15: containers[0].files[0].path: expected an absolute path without '..', got '{path}'",
            Reject($"name: demo\ncontainers:\n  - name: web\n    address: 10.252.0.30\n    command: [sleep, \"60\"]\n    files:\n      - path: {path}\n        content: hello\n"));
    }

    [Fact]
    public void Parse_UnknownField_NamesItAndTheAllowedOnes()
    {
        Assert.Equal(
            "demo.yaml:5:5: containers[0].image: unknown field; expected one of: name, address, command, ports, memoryMb, files, environment, front, health, probe",
            Reject("name: demo\ncontainers:\n  - name: web\n    address: 10.252.0.30\n    image: busybox\n    command: [sleep, \"60\"]\n"));
    }

    [Fact]
    public void Parse_UnknownTopLevelField_NamesIt()
    {
        Assert.Equal(
            "demo.yaml:2:1: replicas: unknown field; expected one of: name, description, containers, load",
            Reject("name: demo\nreplicas: 3\ncontainers: []\n"));
    }

    [Fact]
    public void Parse_DuplicateContainer_NamesIt()
    {
        Assert.Equal(
            "demo.yaml:3:3: containers: container name 'web' is used twice",
            Reject("name: demo\ncontainers:\n  - name: web\n    address: 10.252.0.30\n    command: [a]\n  - name: web\n    address: 10.252.0.31\n    command: [b]\n"));
    }

    [Fact]
    public void Parse_NoContainers_Rejected()
    {
        Assert.Equal("demo.yaml:2:13: containers: an application needs at least one container", Reject("name: demo\ncontainers: []\n"));
    }

    [Fact]
    public void Parse_Minimal_Defaults()
    {
        var app = AppFile.Parse("demo.yaml", "name: demo\ncontainers:\n  - name: web\n    address: 10.252.0.30\n    command: [sleep, \"60\"]\n    files:\n      - path: /a\n        content: x\n");

        var c = Assert.Single(app.Containers);
        Assert.Equal((256, "0644", ""), (c.MemoryMb, c.Files[0].Mode, app.Description));
        Assert.Empty(c.Ports);
    }
}
