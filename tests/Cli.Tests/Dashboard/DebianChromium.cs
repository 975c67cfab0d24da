using Microsoft.Playwright;

namespace Ferry.Cli.Tests.Dashboard;

/// <summary>
/// Debian's chromium driven by Playwright's bundled driver (bin/.playwright); Playwright's own browser
/// download cannot work on these machines. A missing chromium fails the test, naming the setup that installs it.
/// </summary>
public sealed class DebianChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private DebianChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<DebianChromium> LaunchAsync()
    {
        Assert.True(File.Exists(Executable),
            $"Debian's chromium is not installed ({Executable} is missing): run 'bash templates/local/machine-setup.sh' as root (./ferry test does), which installs the 'chromium' package");
        var playwright = await Playwright.CreateAsync();
        // A fresh profile per test: no cache, cookies or state from an earlier run.
        var profile = Directory.CreateTempSubdirectory("ferry-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // Root has no user namespace sandbox here; the rest keeps chromium off the network and quiet.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        return new DebianChromium(playwright, context, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
