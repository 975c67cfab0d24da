namespace Ferry.Provisioning.Templates;

/// <summary>POSIX shell quoting: the result is always one word that the shell reads back literally.</summary>
public static class ShellQuote
{
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "''";
        }

        if (value.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./_-".Contains(c)))
        {
            return value;
        }

        return "'" + value.Replace("'", "'\"'\"'") + "'";
    }
}
