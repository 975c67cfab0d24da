namespace Ferry.MigrationSteps.Apps;

/// <summary>
/// Writes the probe makes while it runs (WordPress comments): one request in <paramref name="Every"/> posts a
/// comment to /wp-comments-post.php, and a comment counts as acknowledged when the site answers with a
/// redirect to it. Once the probe stops it asks <paramref name="ListPath"/> (lines of "id text") and counts
/// every acknowledged comment that is missing.
/// </summary>
public sealed record CommentsDefinition(int Every, string ListPath);
