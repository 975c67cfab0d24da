using System.Globalization;

namespace Ferry.Provisioning.Vpn;

/// <summary>
/// Reads <c>swanctl --list-sas --pretty</c>: nested <c>name {</c> … <c>}</c> sections of <c>key = value</c>
/// lines and <c>key = [</c> … <c>]</c> lists, one IKE SA per <c>list-sa event</c>.
/// </summary>
public static class SwanctlOutput
{
    public static IReadOnlyList<IkeSa> ParseSas(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var position = 0;
        var sas = new List<IkeSa>();
        while (position < lines.Count)
        {
            var line = lines[position++];
            if (!line.EndsWith('{'))
            {
                continue;
            }

            var section = ReadSection(lines, ref position);
            if (line.StartsWith("list-sa event", StringComparison.Ordinal))
            {
                sas.AddRange(section.Where(e => e.Value is Section).Select(e => Ike(e.Key, (Section)e.Value)));
            }
        }

        return sas;
    }

    private sealed class Section : Dictionary<string, object>;

    private static Section ReadSection(List<string> lines, ref int position)
    {
        var section = new Section();
        while (position < lines.Count)
        {
            var line = lines[position++];
            if (line == "}")
            {
                return section;
            }

            if (line.EndsWith(" {", StringComparison.Ordinal))
            {
                section[line[..^2].Trim()] = ReadSection(lines, ref position);
                continue;
            }

            var equals = line.IndexOf(" = ", StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var key = line[..equals];
            var value = line[(equals + 3)..];
            if (value == "[")
            {
                var items = new List<string>();
                while (position < lines.Count && lines[position] != "]")
                {
                    items.Add(lines[position++]);
                }

                position++;
                section[key] = items;
            }
            else
            {
                section[key] = value;
            }
        }

        return section;
    }

    private static IkeSa Ike(string name, Section s) =>
        new(name, Text(s, "state"), Text(s, "local-host"), Text(s, "remote-host"),
            s.TryGetValue("child-sas", out var c) && c is Section children
                ? children.Values.OfType<Section>().Select(Child).ToList()
                : []);

    private static ChildSa Child(Section s)
    {
        var keySize = Text(s, "encr-keysize");
        return new ChildSa(Text(s, "name"), Text(s, "state"), Text(s, "encr-alg") + (keySize.Length > 0 ? "-" + keySize : ""),
            Number(s, "bytes-in"), Number(s, "packets-in"), Number(s, "bytes-out"), Number(s, "packets-out"), List(s, "local-ts"), List(s, "remote-ts"));
    }

    private static string Text(Section s, string key) => s.TryGetValue(key, out var v) && v is string text ? text : "";

    private static long Number(Section s, string key) => long.TryParse(Text(s, key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static IReadOnlyList<string> List(Section s, string key) => s.TryGetValue(key, out var v) && v is List<string> items ? items : [];
}
