namespace Ferry.MigrationSteps.Apps;

/// <summary>
/// What the client probe asks the application through the front, and what a good answer is: an HTTP GET
/// of <paramref name="HttpPath"/> answered 200, or <paramref name="Send"/> answered with a line that starts
/// with <paramref name="Expect"/>. In <paramref name="Send"/>, <c>{n}</c> becomes a random number below
/// the answer to <paramref name="Count"/> (asked once; a reply such as ":16384"), so requests spread over
/// the whole data set. <paramref name="Comments"/>: some HTTP requests are writes the probe checks afterwards.
/// </summary>
public sealed record ProbeDefinition(string? HttpPath, string? Send, string? Expect, string? Count, CommentsDefinition? Comments = null);
