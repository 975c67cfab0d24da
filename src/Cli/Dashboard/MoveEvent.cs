namespace Ferry.Cli.Dashboard;

/// <summary>One server-sent event of a move: its type (<c>step</c>, <c>figure</c>, <c>probe-count</c> while the probe runs, <c>probe</c>, <c>result</c>, <c>error</c>) and its JSON data.</summary>
public sealed record MoveEvent(string Type, string Json)
{
    /// <summary>The event in the text/event-stream format.</summary>
    public string Format(int sequence) => $"id: {sequence}\nevent: {Type}\ndata: {Json}\n\n";
}
