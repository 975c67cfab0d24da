using System.Text;
using System.Text.RegularExpressions;

namespace Ferry.Stacks.Pulumi;

/// <summary>What a provider demands of one value; <see cref="Violation"/> says how a value breaks it, or null.</summary>
public abstract record ValueConstraint
{
    /// <summary>Null when <paramref name="value"/> (a string or a whole number) is acceptable.</summary>
    public abstract string? Violation(object value);

    /// <summary>At most this many characters.</summary>
    public sealed record MaxLength(int Limit) : ValueConstraint
    {
        public override string? Violation(object value) =>
            value is string s && s.Length > Limit ? $"{s.Length} characters, more than {Limit}" : null;
    }

    /// <summary>At most this many bytes of UTF-8 (limits on raw user data).</summary>
    public sealed record MaxBytes(int Limit) : ValueConstraint
    {
        public override string? Violation(object value) =>
            value is string s && Encoding.UTF8.GetByteCount(s) is var n && n > Limit ? $"{n} bytes, more than {Limit}" : null;
    }

    /// <summary>The whole value matches <paramref name="Pattern"/>; <paramref name="Meaning"/> says it in words.</summary>
    public sealed record Matches(string Pattern, string Meaning) : ValueConstraint
    {
        private readonly Regex _regex = new(Pattern, RegexOptions.CultureInvariant);

        public override string? Violation(object value) =>
            value is string s && !_regex.IsMatch(s) ? $"'{s}' is not {Meaning}" : null;
    }

    /// <summary>Only characters of the regex class <paramref name="Allowed"/> (written without brackets).</summary>
    public sealed record Charset(string Allowed, string Meaning) : ValueConstraint
    {
        private readonly Regex _char = new($"^[{Allowed}]$", RegexOptions.CultureInvariant);

        public override string? Violation(object value)
        {
            var bad = value is string s ? s.Where(c => !_char.IsMatch(c.ToString())).Distinct().ToList() : [];
            return bad.Count == 0 ? null : $"has {string.Join(" ", bad.Select(c => $"'{c}'"))}, outside {Meaning}";
        }
    }

    /// <summary>A whole number from <paramref name="Min"/> to <paramref name="Max"/>.</summary>
    public sealed record Between(long Min, long Max) : ValueConstraint
    {
        public override string? Violation(object value) =>
            value is long n && (n < Min || n > Max) ? $"{n} is outside {Min}..{Max}" : null;
    }

    /// <summary>None of these words (case-insensitive).</summary>
    public sealed record NoneOf(IReadOnlyList<string> Words) : ValueConstraint
    {
        public override string? Violation(object value) =>
            value is string s && Words.Contains(s, StringComparer.OrdinalIgnoreCase) ? $"'{s}' is reserved" : null;
    }
}
