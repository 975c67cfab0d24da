using Microsoft.Playwright;

namespace Ferry.TestSupport;

/// <summary>
/// Debian's chromium driven by Playwright, headless, with a fresh profile that is deleted at the end.
/// Playwright's own browser download cannot work on these machines: the browser is the system package,
/// installed by templates/local/machine-setup.sh, and its absence fails the test that needs it.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private HeadlessChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <param name="width">The viewport's width: pages with wide layouts (the dashboard) take more.</param>
    public static async Task<HeadlessChromium> LaunchAsync(int width = 1280)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium (templates/local/machine-setup.sh does, or apt-get install chromium)");
        }

        var profile = Directory.CreateTempSubdirectory("ferry-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            // A persistent context is Playwright's way to take a --user-data-dir: a fresh one per launch.
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                ViewportSize = new ViewportSize { Width = width, Height = 1000 },
            });
            return new HeadlessChromium(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    /// <summary>Opens a local file in a new page.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.GetFullPath(path)).AbsoluteUri);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still be letting go of its profile; it lives under the temp directory.
        }
    }
}
