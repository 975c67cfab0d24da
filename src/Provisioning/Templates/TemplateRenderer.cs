using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Ferry.Provisioning.Scripts;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Ferry.Provisioning.Templates;

/// <summary>
/// Renders the files under templates/ with Scriban. Variables are strict: a missing input or member fails
/// at render time. In shell templates (*.sh) a value enters the script only through <c>q</c> (one quoted
/// word) or <c>qa</c> (each item of a list quoted), e.g. <c>{{ c.id | q }}</c>; anything else is refused
/// when the template is loaded. Partials come in with <c>{{ include "partials/x.sh" }}</c>, resolved under
/// templates/. <c>keys</c> holds the output key names (<see cref="OutputKeys"/>) and <c>limits</c> the wait limits (<see cref="WaitLimits"/>); <c>json</c> writes JSON;
/// <c>raw</c> writes a one-line value into a config file; <c>file_hash "path"</c> is a short hash of a file
/// under templates/ (a version of it that scripts can name without reading it).
/// </summary>
public sealed class TemplateRenderer
{
    private readonly ConcurrentDictionary<string, Template> _parsed = new();

    // Partials parsed (and checked) once and shared by every render: a parsed template holds no render state.
    private readonly ConcurrentDictionary<string, Template> _partials = new();
    private readonly TemplateLoader _loader;
    private readonly ScriptObject _functions = new();
    private readonly ConcurrentDictionary<string, string> _hashes = new();

    public TemplateRenderer(string? root = null)
    {
        Root = root ?? LocateRoot();
        _loader = new TemplateLoader(Root);
        _functions.Import("q", new Func<object?, string>(value => ShellQuote.Quote(Text(value))));
        _functions.Import("qa", new Func<object?, string>(value =>
            string.Join(' ', (value is IEnumerable e and not string ? e.Cast<object?>() : [value]).Select(i => ShellQuote.Quote(Text(i))))));
        _functions.Import("json", new Func<object?, string>(value => System.Text.Json.JsonSerializer.Serialize(value)));
        _functions.Import("raw", new Func<object?, string>(value =>
        {
            var text = Text(value);
            return text.Contains('\n') ? throw new TemplateException("raw values must be one line") : text;
        }));
        _functions.Import("file_hash", new Func<string, string>(FileHash));
        var keys = new ScriptObject();
        foreach (var key in OutputKeys.All)
        {
            keys.Add(key, key);
        }

        keys.IsReadOnly = true;
        _functions.Add("keys", keys);
        var limits = new ScriptObject();
        foreach (var (name, seconds) in WaitLimits.All)
        {
            limits.Add(name, seconds);
        }

        limits.IsReadOnly = true;
        _functions.Add("limits", limits);
        var exits = new ScriptObject { { "refused", ExitCodes.Refused }, { "not_started", ExitCodes.NotStarted } };
        exits.IsReadOnly = true;
        _functions.Add("exits", exits);
        _functions.IsReadOnly = true;
    }

    /// <summary>The templates directory.</summary>
    public string Root { get; }

    /// <summary>Renders the template that <typeparamref name="TInputs"/> names.</summary>
    public string Render<TInputs>(TInputs inputs) where TInputs : ITemplateInputs => Render(TInputs.Template, inputs);

    /// <summary>Renders <paramref name="name"/> (a path under templates/, e.g. "local/host-up.sh") with <paramref name="model"/>.</summary>
    public string Render(string name, object model)
    {
        var template = _parsed.GetOrAdd(name, Parse);
        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            TemplateLoader = _loader,
            LoopLimit = 100_000,
        };
        context.PushGlobal(_functions);
        var globals = new ScriptObject();
        globals.Import(model, renamer: context.MemberRenamer);
        context.PushGlobal(globals);
        foreach (var (path, partial) in _partials)
        {
            context.CachedTemplates[path] = partial;
        }

        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            var where = e.Span.FileName is { Length: > 0 } file && file != name ? $" (in {file}:{e.Span.Start.Line + 1})" : $":{e.Span.Start.Line + 1}";
            throw new TemplateException($"template {name}{where}: {(e.InnerException as TemplateException)?.Message ?? e.OriginalMessage}");
        }
        finally
        {
            foreach (var (path, partial) in context.CachedTemplates)
            {
                _partials.TryAdd(path, partial);
            }
        }
    }

    private Template Parse(string name)
    {
        var path = Path.Combine(Root, name);
        if (!File.Exists(path))
        {
            throw new TemplateException($"no template {name} under {Root}");
        }

        var text = File.ReadAllText(path);
        if (name.EndsWith(".sh", StringComparison.Ordinal))
        {
            ShellTemplateCheck.Check(name, text);
        }

        var template = Template.Parse(text, name);
        return template.HasErrors ? throw new TemplateException($"template {name}: {string.Join("; ", template.Messages)}") : template;
    }

    private string FileHash(string name) => _hashes.GetOrAdd(name, n =>
    {
        var path = TemplateLoader.Under(Root, n);
        if (path is null || !File.Exists(path))
        {
            throw new TemplateException($"file_hash: no file {n} under {Root}");
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..16];
    });

    private static string Text(object? value) => value switch
    {
        null => throw new TemplateException("a template value is missing (null)"),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
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
