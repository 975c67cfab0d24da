using Scriban;
using Scriban.Syntax;

namespace Ferry.Provisioning.Templates;

/// <summary>
/// Refuses a shell template in which any value reaches the script without <c>q</c> or <c>qa</c>: every
/// expression that writes output must be a call to one of the quoting functions (directly or as the last
/// step of a pipe), or an <c>include</c> of another template, which is checked the same way.
/// </summary>
public static class ShellTemplateCheck
{
    private static readonly HashSet<string> Writers = ["q", "qa", "include"];

    public static void Check(string name, string text)
    {
        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            throw new TemplateException($"template {name}: {string.Join("; ", template.Messages)}");
        }

        new Visitor(name, text).Visit(template.Page);
    }

    private static bool Quoted(ScriptExpression? expression) => expression switch
    {
        ScriptPipeCall pipe => Quoted(pipe.To),
        ScriptFunctionCall call => call.Target is ScriptVariable v && Writers.Contains(v.Name),
        ScriptVariable v => v.Name is "q" or "qa",
        ScriptNestedExpression nested => Quoted(nested.Expression),
        _ => false,
    };

    private sealed class Visitor(string name, string text) : ScriptVisitor
    {
        public override void Visit(ScriptExpressionStatement node)
        {
            if (node.Expression is not ScriptAssignExpression && !Quoted(node.Expression))
            {
                var inner = text.Substring(node.Span.Start.Offset, node.Span.Length).Trim();
                throw new TemplateException($"template {name}:{node.Span.Start.Line + 1}: '{{{{ {inner} }}}}' is not shell-quoted; write {{{{ {inner} | q }}}}");
            }

            base.Visit(node);
        }
    }
}
