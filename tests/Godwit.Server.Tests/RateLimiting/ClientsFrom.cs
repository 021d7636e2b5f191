using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.RateLimiting;

/// <summary>
/// HTTP clients whose connections leave from a chosen loopback address (Linux routes all of
/// 127.0.0.0/8 to the loopback interface), so one test can be several clients to the server.
/// </summary>
internal static class ClientsFrom
{
    public static HttpClient Address(GodwitHost host, string localAddress, string? secret = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = host.BaseUrl };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{host.ProjectId}:{secret}")));
        }

        return client;
    }
}
