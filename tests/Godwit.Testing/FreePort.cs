using System.Net;
using System.Net.Sockets;

namespace Godwit.Testing;

/// <summary>Finds a loopback TCP port nobody is listening on.</summary>
public static class FreePort
{
    /// <summary>
    /// Asks the kernel for an ephemeral port and releases it. Another process may take it before the
    /// caller binds it, so a server that can listen on port 0 and report its port should do that
    /// instead; this is for servers (PostgreSQL, a refused-connection target) that can't.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
