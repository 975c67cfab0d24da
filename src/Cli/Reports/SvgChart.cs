using System.Globalization;
using System.Net;
using System.Text;

namespace Ferry.Cli.Reports;

/// <summary>
/// One inline SVG plot with linear (or log-10 y) axes in data coordinates. Every mark that stands for a
/// measured value carries class "data" and a title with its value, so a reader can hover it and a test can
/// count it.
/// </summary>
public sealed class SvgChart
{
    private const double Right = 18, Bottom = 46;
    private readonly double Top;
    private double Left = 64;
    private readonly StringBuilder _marks = new();
    private readonly List<(string Name, string Color)> _legend = [];
    private readonly List<(double Y, string Label)> _categories = [];
    private double _xMin, _xMax = 1, _yMin, _yMax = 1;
    private bool _logY;
    private bool _xTicks = true;
    private string _xLabel = "", _yLabel = "";

    /// <param name="legendLines">Lines the legend may wrap onto above the plot.</param>
    public SvgChart(string title, double width = 720, double height = 300, int legendLines = 1)
    {
        Top = 34 + 12 * legendLines;
        Title = title;
        Width = width;
        Height = height;
    }

    public string Title { get; }

    public double Width { get; }

    public double Height { get; }

    /// <summary>How many data marks the chart holds.</summary>
    public int DataMarks { get; private set; }

    public static readonly IReadOnlyList<string> Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Grouped bars label their groups themselves: no numeric ticks under them.</summary>
    public SvgChart Categorical()
    {
        _xTicks = false;
        return this;
    }

    public SvgChart X(double min, double max, string label)
    {
        (_xMin, _xMax, _xLabel) = (min, max > min ? max : min + 1, label);
        return this;
    }

    public SvgChart Y(double min, double max, string label, bool log = false)
    {
        _logY = log;
        if (log)
        {
            min = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(min, 1e-3))));
            max = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(max, min * 10))));
        }

        (_yMin, _yMax, _yLabel) = (min, max > min ? max : min + 1, label);
        return this;
    }

    /// <summary>Category rows (a timeline): row i is drawn between y = i and i + 1, labelled on the left.</summary>
    public SvgChart Rows(IReadOnlyList<string> labels, string xLabel, double xMax)
    {
        X(0, xMax, xLabel);
        (_yMin, _yMax, _yLabel) = (0, Math.Max(1, labels.Count), "");
        for (var i = 0; i < labels.Count; i++)
        {
            _categories.Add((i + 0.5, labels[i]));
        }

        Left = Math.Max(64, 14 + labels.Select(l => l.Length).DefaultIfEmpty(0).Max() * 6.4);

        return this;
    }

    public void Series(string name, string color)
    {
        if (!_legend.Any(l => l.Name == name))
        {
            _legend.Add((name, color));
        }
    }

    /// <summary>A shaded vertical band between two x values (e.g. the downtime window).</summary>
    public void Band(double x0, double x1, string fill, string label)
    {
        var (a, b) = (Px(Math.Max(x0, _xMin)), Px(Math.Min(x1, _xMax)));
        _marks.Append(Invariant($"<rect class=\"band\" x=\"{a:F1}\" y=\"{Top:F1}\" width=\"{Math.Max(1, b - a):F1}\" height=\"{PlotHeight:F1}\" fill=\"{fill}\" fill-opacity=\"0.18\"><title>{Esc(label)}</title></rect>"));
        _marks.Append(Invariant($"<text x=\"{a + 3:F1}\" y=\"{Top + 12:F1}\" class=\"note\" fill=\"{fill}\">{Esc(label)}</text>"));
    }

    public void Points(IEnumerable<(double X, double Y, string Tip)> points, string color, double radius = 2)
    {
        foreach (var (x, y, tip) in points)
        {
            if (!Visible(x, y))
            {
                continue;
            }

            _marks.Append(Invariant($"<circle class=\"data\" cx=\"{Px(x):F1}\" cy=\"{Py(y):F1}\" r=\"{radius:F1}\" fill=\"{color}\" fill-opacity=\"0.65\"><title>{Esc(tip)}</title></circle>"));
            DataMarks++;
        }
    }

    public void Line(IEnumerable<(double X, double Y)> points, string color, string tip, double width = 1.6, bool dashed = false)
    {
        var visible = points.Where(p => Visible(p.X, p.Y)).Select(p => Invariant($"{Px(p.X):F1},{Py(p.Y):F1}")).ToList();
        if (visible.Count < 2)
        {
            return;
        }

        var dash = dashed ? " stroke-dasharray=\"4 3\"" : "";
        _marks.Append(Invariant($"<polyline class=\"data\" points=\"{string.Join(' ', visible)}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{width:F1}\"{dash}><title>{Esc(tip)}</title></polyline>"));
        DataMarks++;
    }

    /// <summary>A horizontal bar from x0 to x1 inside category row <paramref name="row"/> (0 = top).</summary>
    public void Span(int row, double x0, double x1, string color, string tip, double thickness = 0.6, double offset = 0)
    {
        var centre = _yMax - (row + 0.5) - offset;
        var y = Py(centre + thickness / 2);
        var h = Py(centre - thickness / 2) - y;
        var (a, b) = (Px(x0), Px(Math.Max(x1, x0)));
        _marks.Append(Invariant($"<rect class=\"data\" x=\"{a:F1}\" y=\"{y:F1}\" width=\"{Math.Max(1.5, b - a):F1}\" height=\"{h:F1}\" fill=\"{color}\"><title>{Esc(tip)}</title></rect>"));
        DataMarks++;
    }

    /// <summary>A vertical bar from the x axis to <paramref name="y"/>, centred on x with the given width in x units.</summary>
    public void Bar(double x, double width, double y, string color, string tip, string? label = null)
    {
        var (a, b) = (Px(x - width / 2), Px(x + width / 2));
        var top = Py(Math.Min(y, _yMax));
        var baseline = Py(_logY ? _yMin : Math.Max(0, _yMin));
        _marks.Append(Invariant($"<rect class=\"data\" x=\"{a:F1}\" y=\"{top:F1}\" width=\"{Math.Max(1, b - a):F1}\" height=\"{Math.Max(1, baseline - top):F1}\" fill=\"{color}\"><title>{Esc(tip)}</title></rect>"));
        if (label is not null)
        {
            _marks.Append(Invariant($"<text x=\"{(a + b) / 2:F1}\" y=\"{top - 4:F1}\" text-anchor=\"middle\" class=\"note\">{Esc(label)}</text>"));
        }

        DataMarks++;
    }

    /// <summary>A label under the x axis at x (for grouped bars).</summary>
    public void XLabel(double x, string text)
    {
        _marks.Append(Invariant($"<text x=\"{Px(x):F1}\" y=\"{Top + PlotHeight + 15:F1}\" text-anchor=\"middle\" class=\"tick\">{Esc(text)}</text>"));
    }

    public void VLine(double x, string color, string label)
    {
        if (x < _xMin || x > _xMax)
        {
            return;
        }

        _marks.Append(Invariant($"<line x1=\"{Px(x):F1}\" x2=\"{Px(x):F1}\" y1=\"{Top:F1}\" y2=\"{Top + PlotHeight:F1}\" stroke=\"{color}\" stroke-dasharray=\"3 3\"><title>{Esc(label)}</title></line>"));
    }

    public string Render()
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width:F0}\" height=\"{Height:F0}\" viewBox=\"0 0 {Width:F0} {Height:F0}\" role=\"img\" data-marks=\"{DataMarks}\"><title>{Esc(Title)}</title>"));
        svg.Append(Invariant($"<text x=\"{Left:F0}\" y=\"18\" class=\"title\">{Esc(Title)}</text>"));
        svg.Append(Invariant($"<rect x=\"{Left:F1}\" y=\"{Top:F1}\" width=\"{PlotWidth:F1}\" height=\"{PlotHeight:F1}\" fill=\"#fff\" stroke=\"#ccc\"/>"));
        if (_categories.Count > 0)
        {
            foreach (var (y, label) in _categories)
            {
                svg.Append(Invariant($"<text x=\"{Left - 6:F1}\" y=\"{Py(_yMax - y) + 4:F1}\" text-anchor=\"end\" class=\"tick\">{Esc(label)}</text>"));
            }
        }
        else
        {
            foreach (var y in YTicks())
            {
                svg.Append(Invariant($"<line x1=\"{Left:F1}\" x2=\"{Left + PlotWidth:F1}\" y1=\"{Py(y):F1}\" y2=\"{Py(y):F1}\" stroke=\"#eee\"/>"));
                svg.Append(Invariant($"<text x=\"{Left - 6:F1}\" y=\"{Py(y) + 4:F1}\" text-anchor=\"end\" class=\"tick\">{Number(y)}</text>"));
            }
        }

        if (_xTicks)
        {
            foreach (var x in Ticks(_xMin, _xMax))
            {
                svg.Append(Invariant($"<line x1=\"{Px(x):F1}\" x2=\"{Px(x):F1}\" y1=\"{Top:F1}\" y2=\"{Top + PlotHeight:F1}\" stroke=\"#f2f2f2\"/>"));
                svg.Append(Invariant($"<text x=\"{Px(x):F1}\" y=\"{Top + PlotHeight + 15:F1}\" text-anchor=\"middle\" class=\"tick\">{Number(x)}</text>"));
            }
        }

        svg.Append(_marks);
        svg.Append(Invariant($"<text x=\"{Left + PlotWidth / 2:F1}\" y=\"{Height - 8:F1}\" text-anchor=\"middle\" class=\"axis\">{Esc(_xLabel)}</text>"));
        if (_yLabel.Length > 0)
        {
            svg.Append(Invariant($"<text transform=\"translate(14,{Top + PlotHeight / 2:F1}) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">{Esc(_yLabel)}</text>"));
        }

        var (lx, ly) = (Left, 26.0);
        foreach (var (name, color) in _legend)
        {
            var w = 26 + name.Length * 5.6;
            if (lx + w > Width - Right && lx > Left && ly + 12 < Top - 8)
            {
                (lx, ly) = (Left, ly + 12);
            }

            svg.Append(Invariant($"<rect x=\"{lx:F1}\" y=\"{ly:F1}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{lx + 14:F1}\" y=\"{ly + 9:F1}\" class=\"legend\">{Esc(name)}</text>"));
            lx += w;
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private double PlotWidth => Width - Left - Right;

    private double PlotHeight => Height - Top - Bottom;

    private bool Visible(double x, double y) =>
        double.IsFinite(x) && double.IsFinite(y) && x >= _xMin && x <= _xMax && (!_logY || y > 0);

    private double Px(double x) => Left + (x - _xMin) / (_xMax - _xMin) * PlotWidth;

    private double Py(double y)
    {
        double f;
        if (_logY)
        {
            f = (Math.Log10(Math.Max(y, _yMin)) - Math.Log10(_yMin)) / (Math.Log10(_yMax) - Math.Log10(_yMin));
        }
        else
        {
            f = (Math.Clamp(y, _yMin, _yMax) - _yMin) / (_yMax - _yMin);
        }

        return Top + PlotHeight * (1 - f);
    }

    private IEnumerable<double> YTicks()
    {
        if (!_logY)
        {
            return Ticks(_yMin, _yMax);
        }

        var ticks = new List<double>();
        for (var v = _yMin; v <= _yMax * 1.0001; v *= 10)
        {
            ticks.Add(v);
        }

        return ticks;
    }

    /// <summary>About six round ticks (1, 2 or 5 times a power of ten apart).</summary>
    private static IEnumerable<double> Ticks(double min, double max)
    {
        var raw = (max - min) / 6;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        for (var v = Math.Ceiling(min / step) * step; v <= max + step * 1e-9; v += step)
        {
            yield return Math.Abs(v) < step * 1e-9 ? 0 : v;
        }
    }

    private static string Number(double v) =>
        Math.Abs(v) >= 1000 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
