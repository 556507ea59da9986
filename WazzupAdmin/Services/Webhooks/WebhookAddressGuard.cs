using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using WazzupAdmin.Domain.Security;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>A webhook address that points into this machine or its private network, refused before any byte is sent.</summary>
public sealed class WebhookAddressRefusedException(string host, IPAddress address)
    : Exception($"The address {host} leads to {address}, a loopback, private, link-local or multicast address; webhooks are sent only to public addresses.")
{
    public string Host { get; } = host;

    public IPAddress Address { get; } = address;
}

/// <summary>
/// Keeps webhooks away from this machine and its network: an address may not be, or resolve to, a loopback, private,
/// link-local, unique-local or multicast address (<see cref="NetworkAddressRules"/>), unless
/// <c>Webhooks:AllowPrivateNetworks</c> says otherwise (for tests and demos on one machine).
/// <para>
/// Checked twice. When the address is set, so the administrator or the CRM hears it at once. And at every connection
/// of the webhook clients, through <see cref="ConnectAsync"/> as the <see cref="SocketsHttpHandler.ConnectCallback"/>:
/// the name is resolved there, only permitted addresses are connected to, and the socket goes to exactly the address
/// that was checked. A name that resolves elsewhere later (DNS rebinding), or a redirect, cannot get around it.
/// </para>
/// </summary>
public sealed class WebhookAddressGuard(IOptionsMonitor<WebhookOptions> options)
{
    public bool AllowPrivateNetworks => options.CurrentValue.AllowPrivateNetworks;

    /// <returns>The first forbidden address the URI's host is or resolves to; null when it may be used (or the name does not resolve, which the test request reports).</returns>
    public async Task<IPAddress?> ForbiddenAddressAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (AllowPrivateNetworks)
        {
            return null;
        }

        var addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        return addresses.FirstOrDefault(a => !NetworkAddressRules.IsPublic(a));
    }

    /// <summary>Connects to the first permitted address of the host; refuses when there is none.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        if (!AllowPrivateNetworks && addresses.FirstOrDefault(a => !NetworkAddressRules.IsPublic(a)) is { } forbidden)
        {
            // Any forbidden address refuses the name: connecting only to its public ones would still let a name that
            // mixes both probe the private side whenever the public one fails.
            throw new WebhookAddressRefusedException(host, forbidden);
        }

        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var literal = host.Trim('[', ']');
        if (IPAddress.TryParse(literal, out var address))
        {
            return [address];
        }

        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
