using System.Net;
using System.Text.RegularExpressions;
using Ferry.Provisioning.Files;
using Ferry.Provisioning.Playbooks;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Reads stacks/apps/NAME.yaml; every problem names the file, line and field.</summary>
public static partial class AppFile
{
    public static string PathFor(string appsDirectory, string name) => Path.Combine(appsDirectory, name + ".yaml");

    public static AppDefinition Load(string appsDirectory, string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new YamlFileException(name, 0, 0, "(app)", $"'{name}' is not an application name: use lowercase letters, digits and '-'");
        }

        var path = PathFor(appsDirectory, name);
        if (!File.Exists(path))
        {
            IEnumerable<string?> known = Directory.Exists(appsDirectory) ? Directory.GetFiles(appsDirectory, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order() : [];
            throw new YamlFileException(path, 0, 0, "(app)", $"no application '{name}'; known: {string.Join(", ", known)}");
        }

        return Parse(path, File.ReadAllText(path));
    }

    public static AppDefinition Parse(string file, string text)
    {
        var root = new YamlFields(file, "", YamlFields.Load(file, text), "name", "description", "containers", "load");
        var name = root.RequiredString("name", "an application name");
        if (!NamePattern().IsMatch(name) || name.Length > 20)
        {
            throw root.Error("name", $"'{name}' is not an application name: lowercase letters, digits and '-', at most 20 characters");
        }

        var containers = root.List("containers", required: true, "containers (each with name, address, command)")
            .Select(c => ReadContainer(file, c.Node, c.Path))
            .ToList();
        if (containers.Count == 0)
        {
            throw root.Error("containers", "an application needs at least one container");
        }

        if (containers.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw root.Error("containers", $"container name '{duplicate.Key}' is used twice");
        }

        return new AppDefinition(name, root.OptionalString("description", "one line") ?? "", containers, Strings(root, "load"));
    }

    private static ContainerDefinition ReadContainer(string file, YamlDotNet.RepresentationModel.YamlNode node, string path)
    {
        var f = new YamlFields(file, path, node, "name", "address", "command", "ports", "memoryMb", "files", "environment", "front", "health", "probe");
        var name = f.RequiredString("name", "a container name");
        if (!NamePattern().IsMatch(name) || name.Length > 20)
        {
            throw f.Error("name", $"'{name}' is not a container name: lowercase letters, digits and '-', at most 20 characters");
        }

        var address = f.RequiredString("address", "the container's IPv4 address in the stack's apps subnet, such as 10.252.0.10");
        // Only the dotted quad: iproute2 reads "10.252.10" as 10.252.10.0 and "010.252.0.10" as octal, where .NET sees 10.252.0.10.
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || ip.ToString() != address)
        {
            throw f.Error("address", $"expected an IPv4 address such as 10.252.0.10, got '{address}'");
        }

        var command = Strings(f, "command") ?? throw f.Error(f.Node, f.Join("command"), "missing; expected the command as a list, such as [redis-server, --port, \"6379\"]");
        if (command.Count == 0 || command[0].Length == 0)
        {
            throw f.Error("command", "expected at least the program to run, such as [redis-server, --port, \"6379\"]");
        }

        var ports = f.List("ports", required: false, "TCP ports").Select(p =>
        {
            var text = (p.Node as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value;
            return int.TryParse(text, out var port) && port is > 0 and < 65536 ? port : throw f.Error(p.Node, p.Path, $"expected a TCP port (1..65535), got '{text}'");
        }).ToList();
        var files = f.List("files", required: false, "files (path, content)").Select(x =>
        {
            var ff = new YamlFields(file, x.Path, x.Node, "path", "content", "mode");
            var filePath = ff.RequiredString("path", "an absolute path inside the container, such as /app/main.py");
            if (!filePath.StartsWith('/') || filePath.Contains(".."))
            {
                throw ff.Error("path", $"expected an absolute path without '..', got '{filePath}'");
            }

            var content = (ff.Get("content") as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? throw ff.Error(ff.Node, ff.Join("content"), "missing; expected the file's text");
            var mode = ff.OptionalString("mode", "an octal mode such as 0755") ?? "0644";
            if (!ModePattern().IsMatch(mode))
            {
                throw ff.Error("mode", $"expected an octal mode such as 0755, got '{mode}'");
            }

            return new ContainerFile(filePath, content, mode);
        }).ToList();

        return new ContainerDefinition(
            name, address, command, ports,
            f.OptionalInt("memoryMb", 16, 65536, "the memory limit in MiB") ?? 256,
            files,
            Strings(f, "environment") ?? [],
            ReadFront(f, ports),
            ReadHealth(f, ports),
            ReadProbe(f));
    }

    private static ProbeDefinition? ReadProbe(YamlFields container)
    {
        var f = container.OptionalChild("probe", "http", "send", "expect", "count", "comments");
        if (f is null)
        {
            return null;
        }

        if (!container.Has("front"))
        {
            throw f.Error(f.Node, f.Path, "the probe talks to the front: publish the container with front: { port, mode }");
        }

        var http = f.OptionalString("http", "the path the probe's HTTP GET asks for, such as /");
        var send = f.OptionalString("send", "what each probe request sends, such as \"GET key:{n}\\r\\n\"");
        var expect = f.OptionalString("expect", "how a good answer starts, such as $4096");
        var count = f.OptionalString("count", "a request whose answer (such as :16384) bounds {n}, such as \"DBSIZE\\r\\n\"");
        if (http is not null && (send ?? expect ?? count) is not null)
        {
            throw f.Error(f.Node, f.Path, "either http (a GET answered 200) or send and expect (a TCP exchange), not both");
        }

        if (http is not null && !http.StartsWith('/'))
        {
            throw f.Error("http", $"expected a path starting with '/', got '{http}'");
        }

        if (http is null && (string.IsNullOrEmpty(send) || string.IsNullOrEmpty(expect)))
        {
            throw f.Error(f.Node, f.Path, "a TCP probe needs both send and expect (not empty), such as { send: \"GET key:{n}\\r\\n\", expect: \"$4096\", count: \"DBSIZE\\r\\n\" }; or give http: /path");
        }

        if (send is not null && send.Contains("{n}") != (count is not null))
        {
            throw f.Error(f.Node, f.Path, "{n} in send and count go together: count's answer is what {n} stays below");
        }

        var comments = ReadComments(f);
        if (comments is not null && http is null)
        {
            throw f.Error("comments", "comments are posted over HTTP: give the probe http: /path as well");
        }

        return new ProbeDefinition(http, send, expect, count, comments);
    }

    private static CommentsDefinition? ReadComments(YamlFields probe)
    {
        var f = probe.OptionalChild("comments", "every", "list");
        if (f is null)
        {
            return null;
        }

        var every = f.OptionalInt("every", 1, 1000, "one request in how many posts a comment, such as 10") ?? throw f.Error(f.Node, f.Path, "comments need every: N (one request in N posts a comment)");
        var list = f.OptionalString("list", "the path that lists the stored comments as lines of \"id text\", such as /comments.php")
            ?? throw f.Error(f.Node, f.Path, "comments need list: /path, a page listing the stored comments as lines of \"id text\" (the probe checks every acknowledged one is there)");
        if (!list.StartsWith('/'))
        {
            throw f.Error("list", $"expected a path starting with '/', got '{list}'");
        }

        return new CommentsDefinition(every, list);
    }

    private static HealthDefinition? ReadHealth(YamlFields container, IReadOnlyList<int> ports)
    {
        var f = container.OptionalChild("health", "http", "send", "expect");
        if (f is null)
        {
            return null;
        }

        if (ports.Count == 0)
        {
            throw f.Error(f.Node, f.Path, "a health check needs ports: it talks to the first one");
        }

        var http = f.OptionalString("http", "the path an HTTP GET asks for, such as /health");
        var send = f.OptionalString("send", "what to send on the first port, such as \"PING\\r\\n\"");
        var expect = f.OptionalString("expect", "how the answer starts, such as +PONG");
        if (http is not null && (send is not null || expect is not null))
        {
            throw f.Error(f.Node, f.Path, "either http (a GET answered 200) or send and expect (a TCP exchange), not both");
        }

        if (http is not null && !http.StartsWith('/'))
        {
            throw f.Error("http", $"expected a path starting with '/', got '{http}'");
        }

        if (http is null && (send is null || expect is null || send.Length == 0 || expect.Length == 0))
        {
            throw f.Error(f.Node, f.Path, "a TCP health check needs both send and expect (not empty), such as { send: \"PING\\r\\n\", expect: \"+PONG\" }; or give http: /path");
        }

        return new HealthDefinition(http, send, expect);
    }

    private static FrontDefinition? ReadFront(YamlFields container, IReadOnlyList<int> ports)
    {
        var f = container.OptionalChild("front", "port", "mode", "maxconn");
        if (f is null)
        {
            return null;
        }

        if (ports.Count == 0)
        {
            throw f.Error(f.Node, f.Path, "a container published on the front needs ports: the first one is what the front forwards to");
        }

        var port = f.OptionalInt("port", 1, 65535, "the port clients use on the front") ?? ports[0];
        var mode = f.OptionalString("mode", "http or tcp") ?? "tcp";
        if (mode is not ("http" or "tcp"))
        {
            throw f.Error("mode", $"expected http or tcp, got '{mode}'");
        }

        var maxconn = f.OptionalInt("maxconn", 1, FrontService.DefaultMaxconn, "how many requests the front sends the container at once, such as its worker pool's size (the rest wait in the front's queue)");
        return new FrontDefinition(port, mode, maxconn);
    }

    private static List<string>? Strings(YamlFields f, string key)
    {
        if (!f.Has(key))
        {
            return null;
        }

        var items = f.List(key, required: true, "strings");
        return items.Select(i => (i.Node as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? throw f.Error(i.Node, i.Path, "expected a string")).ToList();
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^0?[0-7]{3}$")]
    private static partial Regex ModePattern();
}
