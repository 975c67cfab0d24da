using System.Collections;
using System.Collections.Concurrent;
using HandlebarsDotNet;

namespace Ferry.Provisioning.Templates;

/// <summary>
/// Renders the files under templates/ with Handlebars. HTML escaping is off; shell values go through
/// <c>{{q value}}</c>, which quotes one value, and <c>{{qa list}}</c>, which quotes each item of a list;
/// <c>{{json value}}</c> writes JSON for config files; files under templates/partials/ are partials (<c>{{> name}}</c>).
/// A bare <c>{{value}}</c> is refused at render time so that nothing reaches a shell unquoted by accident,
/// except in files whose name does not end in .sh (config files such as haproxy.cfg, which use <c>{{raw value}}</c>).
/// </summary>
public sealed class TemplateRenderer
{
    private readonly IHandlebars _handlebars;
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> _compiled = new();

    public TemplateRenderer(string? root = null)
    {
        Root = root ?? LocateRoot();
        _handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            NoEscape = true,
            ThrowOnUnresolvedBindingExpression = true,
        });
        _handlebars.RegisterHelper("q", (writer, _, arguments) =>
        {
            RequireArguments("q", arguments, 1);
            writer.WriteSafeString(ShellQuote.Quote(Text(arguments[0])));
        });
        _handlebars.RegisterHelper("qa", (writer, _, arguments) =>
        {
            RequireArguments("qa", arguments, 1);
            var items = arguments[0] is IEnumerable e and not string ? e.Cast<object?>() : [arguments[0]];
            writer.WriteSafeString(string.Join(' ', items.Select(i => ShellQuote.Quote(Text(i)))));
        });
        _handlebars.RegisterHelper("json", (writer, _, arguments) =>
        {
            RequireArguments("json", arguments, 1);
            writer.WriteSafeString(System.Text.Json.JsonSerializer.Serialize(arguments[0]));
        });
        var partials = Path.Combine(Root, "partials");
        if (Directory.Exists(partials))
        {
            foreach (var file in Directory.GetFiles(partials))
            {
                var text = File.ReadAllText(file);
                if (file.EndsWith(".sh", StringComparison.Ordinal))
                {
                    RefuseBareValues("partials/" + Path.GetFileName(file), text);
                }

                _handlebars.RegisterTemplate(Path.GetFileNameWithoutExtension(file), text);
            }
        }

        _handlebars.RegisterHelper("raw", (writer, _, arguments) =>
        {
            RequireArguments("raw", arguments, 1);
            var text = Text(arguments[0]);
            if (text.Contains('\n'))
            {
                throw new TemplateException("raw values must be one line");
            }

            writer.WriteSafeString(text);
        });
    }

    /// <summary>The templates directory.</summary>
    public string Root { get; }

    /// <summary>Renders <paramref name="name"/> (a path under templates/, e.g. "local/host-boot.sh") with <paramref name="model"/>.</summary>
    public string Render(string name, object model)
    {
        var template = _compiled.GetOrAdd(name, Compile);
        try
        {
            return template(model, null);
        }
        catch (HandlebarsException e)
        {
            throw new TemplateException($"template {name}: {e.Message}");
        }
        catch (HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException e)
        {
            throw new TemplateException($"template {name}: no value for '{e.MissingKey}'");
        }
    }

    private HandlebarsTemplate<object, object> Compile(string name)
    {
        var path = Path.Combine(Root, name);
        if (!File.Exists(path))
        {
            throw new TemplateException($"no template {name} under {Root}");
        }

        var text = File.ReadAllText(path);
        if (name.EndsWith(".sh", StringComparison.Ordinal))
        {
            RefuseBareValues(name, text);
        }

        return _handlebars.Compile(text);
    }

    private static void RefuseBareValues(string name, string text)
    {
        var index = 0;
        while ((index = text.IndexOf("{{", index, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf("}}", index, StringComparison.Ordinal);
            var inner = text[(index + 2)..end].Trim();
            var allowed = inner.StartsWith("q ", StringComparison.Ordinal)
                || inner.StartsWith("qa ", StringComparison.Ordinal)
                || inner.StartsWith('#') || inner.StartsWith('/') || inner.StartsWith('!') || inner.StartsWith('>')
                || inner is "else" || inner.StartsWith("else ", StringComparison.Ordinal);
            if (!allowed)
            {
                var line = text[..index].Count(c => c == '\n') + 1;
                throw new TemplateException($"template {name}:{line}: '{{{{{inner}}}}}' is not shell-quoted; write {{{{q {inner}}}}}");
            }

            index = end + 2;
        }
    }

    private static void RequireArguments(string helper, Arguments arguments, int count)
    {
        if (arguments.Length != count)
        {
            throw new TemplateException($"helper '{helper}' takes {count} argument(s), got {arguments.Length}");
        }
    }

    private static string Text(object? value) => value switch
    {
        null => throw new TemplateException("a template value is missing (null)"),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string LocateRoot()
    {
        var env = Environment.GetEnvironmentVariable("FERRY_TEMPLATES");
        if (!string.IsNullOrEmpty(env))
        {
            return env;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "templates");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        throw new TemplateException($"no templates directory beside {AppContext.BaseDirectory}; set FERRY_TEMPLATES");
    }
}
