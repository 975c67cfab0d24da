using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Ferry.Provisioning.Templates;

/// <summary>Resolves <c>include "partials/x.sh"</c> under the templates directory, never outside it.</summary>
internal sealed class TemplateLoader(string root) : ITemplateLoader
{
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        Under(root, templateName) ?? throw new TemplateException($"{callerSpan}: include '{templateName}' is outside {root}");

    /// <summary>The full path of <paramref name="name"/> under <paramref name="root"/>, or null where it points outside.</summary>
    public static string? Under(string root, string name)
    {
        var full = Path.GetFullPath(Path.Combine(root, name));
        return full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath)
    {
        if (!File.Exists(templatePath))
        {
            throw new TemplateException($"{callerSpan}: no template {Path.GetRelativePath(root, templatePath)} under {root}");
        }

        var text = File.ReadAllText(templatePath);
        if (templatePath.EndsWith(".sh", StringComparison.Ordinal))
        {
            ShellTemplateCheck.Check(Path.GetRelativePath(root, templatePath), text);
        }

        return text;
    }

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
}
