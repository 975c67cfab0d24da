using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Ferry.Cli.Dashboard;

/// <summary>The secret every request must carry, as <c>Authorization: Bearer TOKEN</c> or <c>?token=TOKEN</c> (the page's event stream cannot set headers).</summary>
public sealed class DashboardToken
{
    public DashboardToken() => Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string Value { get; }

    public bool Accepts(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var offered = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : request.Query["token"].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(offered), Encoding.UTF8.GetBytes(Value));
    }
}
