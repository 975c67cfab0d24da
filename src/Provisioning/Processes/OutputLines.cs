using System.Text;

namespace Ferry.Provisioning.Processes;

/// <summary>A command's stdout or stderr, gathered line by line from a reader thread; each line is also passed on as it arrives.</summary>
internal sealed class OutputLines(Action<string>? onLine)
{
    private readonly StringBuilder _text = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.Append(line).Append('\n');
        }

        onLine?.Invoke(line);
    }

    /// <summary>A line of ferry's own (why a command was killed), kept but not passed on.</summary>
    public void Note(string line)
    {
        lock (_text)
        {
            _text.Append(line).Append('\n');
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
