using System.Net;
using System.Text;

namespace Ferry.Cli.Reports;

/// <summary>A self-contained HTML page: inline CSS and inline SVG, no script and nothing fetched.</summary>
public sealed class HtmlPage(string title)
{
    private readonly StringBuilder _body = new();

    public string Title { get; } = title;

    public HtmlPage Heading(string text)
    {
        _body.Append("<h2>").Append(Esc(text)).Append("</h2>\n");
        return this;
    }

    public HtmlPage Paragraph(string text)
    {
        _body.Append("<p>").Append(Esc(text)).Append("</p>\n");
        return this;
    }

    public HtmlPage Figure(SvgChart chart, string caption)
    {
        _body.Append("<figure>").Append(chart.Render()).Append("<figcaption>").Append(Esc(caption)).Append("</figcaption></figure>\n");
        return this;
    }

    /// <summary>Small figures side by side.</summary>
    public HtmlPage Grid(IEnumerable<(SvgChart Chart, string Caption)> figures)
    {
        _body.Append("<div class=\"grid\">");
        foreach (var (chart, caption) in figures)
        {
            _body.Append("<figure>").Append(chart.Render()).Append("<figcaption>").Append(Esc(caption)).Append("</figcaption></figure>");
        }

        _body.Append("</div>\n");
        return this;
    }

    public HtmlPage Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? id = null)
    {
        _body.Append(id is null ? "<table>" : $"<table id=\"{Esc(id)}\">").Append("<thead><tr>");
        foreach (var h in header)
        {
            _body.Append("<th>").Append(Esc(h)).Append("</th>");
        }

        _body.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row)
            {
                _body.Append("<td>").Append(Esc(cell)).Append("</td>");
            }

            _body.Append("</tr>");
        }

        _body.Append("</tbody></table>\n");
        return this;
    }

    public string Render() => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{Esc(Title)}}</title>
        <style>
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1240px; color: #222; padding: 0 16px; }
        h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; } th { background: #f5f5f5; }
        td:first-child, th:first-child { text-align: left; }
        figure { margin: 12px 0; } figcaption { color: #555; font-size: 12px; max-width: 900px; }
        .grid { display: flex; flex-wrap: wrap; gap: 8px; }
        svg.plot { background: #fafafa; border: 1px solid #e5e5e5; }
        svg .title { font-size: 13px; font-weight: 600; } svg .tick { font-size: 10px; fill: #555; }
        svg .axis { font-size: 11px; fill: #333; } svg .legend { font-size: 10px; fill: #333; } svg .note { font-size: 10px; }
        </style></head>
        <body><h1>{{Esc(Title)}}</h1>
        {{_body}}</body></html>
        """;

    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, Render(), cancellationToken);
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
