using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Godwit.Testing;

/// <summary>
/// A real SMTP server on a loopback port that keeps what it receives, so delivery is tested over the
/// wire with the production SMTP client rather than against a fake sender.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly List<ReceivedEmail> received = [];
    private readonly List<ReceivedEmail> unclaimed = [];
    private readonly List<(string To, TaskCompletionSource<ReceivedEmail> Waiter)> waiters = [];
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;
    private volatile bool rejectMessages;

    private SmtpSink()
    {
    }

    public string Host { get; } = IPAddress.Loopback.ToString();

    public int Port { get; private set; }

    /// <summary>When set, every message is refused with 554 after DATA, as a relay that bounces it would.</summary>
    public bool RejectMessages
    {
        get => rejectMessages;
        set => rejectMessages = value;
    }

    /// <summary>Every message received so far, claimed by a wait or not, in arrival order.</summary>
    public IReadOnlyList<ReceivedEmail> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    /// <summary>
    /// Starts listening. With <paramref name="requiredLogin"/>, the sink demands AUTH with exactly that
    /// user name and password (over plain text: it is loopback) before it accepts mail.
    /// </summary>
    public static async Task<SmtpSink> StartAsync(NetworkCredential? requiredLogin = null)
    {
        var sink = new SmtpSink();
        // Port 0 and the started event, not FreePort: the listener owns its port from the moment it
        // is chosen, so parallel tests can never race for it.
        var listeners = new EndpointListenerFactory();
        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => bound.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, 0))
                .AuthenticationRequired(requiredLogin is not null)
                .AllowUnsecureAuthentication(requiredLogin is not null))
            .Build();
        var services = new SmtpServiceProvider();
        services.Add(listeners);
        services.Add(new Store(sink));
        if (requiredLogin is not null)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) =>
                user == requiredLogin.UserName && password == requiredLogin.Password));
        }

        var server = new SmtpServer.SmtpServer(options, services);
        sink.running = server.StartAsync(sink.stopping.Token);
        try
        {
            var first = await Task.WhenAny(bound.Task, sink.running).WaitAsync(StartTimeout);
            if (first == sink.running)
            {
                await sink.running;
                throw new InvalidOperationException("the SMTP sink stopped before it started listening");
            }

            sink.Port = await bound.Task;
            return sink;
        }
        catch
        {
            await sink.stopping.CancelAsync();
            throw;
        }
    }

    /// <summary>
    /// Takes the oldest message for <paramref name="to"/> not taken by an earlier wait, waiting for it
    /// to arrive if need be, so a test that expects two emails waits twice.
    /// </summary>
    public async Task<ReceivedEmail> WaitForMessageAsync(string to, TimeSpan timeout)
    {
        TaskCompletionSource<ReceivedEmail> waiter;
        (string, TaskCompletionSource<ReceivedEmail>) entry;
        lock (gate)
        {
            var index = unclaimed.FindIndex(email => IsFor(email, to));
            if (index >= 0)
            {
                var email = unclaimed[index];
                unclaimed.RemoveAt(index);
                return email;
            }

            waiter = new TaskCompletionSource<ReceivedEmail>(TaskCreationOptions.RunContinuationsAsynchronously);
            entry = (to, waiter);
            waiters.Add(entry);
        }

        try
        {
            return await waiter.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                // A message that arrived as the wait timed out was handed to this waiter already.
                if (!waiters.Remove(entry))
                {
                    return waiter.Task.Result;
                }

                var seen = received.Count == 0 ? "none" : string.Join(", ", received.Select(email => email.To));
                throw new TimeoutException($"no email to {to} arrived within {timeout}; recipients so far: {seen}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private static bool IsFor(ReceivedEmail email, string to) =>
        string.Equals(email.To, to, StringComparison.OrdinalIgnoreCase);

    private void Deliver(ReceivedEmail email)
    {
        lock (gate)
        {
            received.Add(email);
            var index = waiters.FindIndex(waiter => IsFor(email, waiter.To));
            if (index < 0)
            {
                unclaimed.Add(email);
                return;
            }

            var waiter = waiters[index].Waiter;
            waiters.RemoveAt(index);
            waiter.SetResult(email);
        }
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (sink.RejectMessages)
            {
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "message rejected by the test");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? transaction.From.AsAddress();
            foreach (var recipient in transaction.To)
            {
                sink.Deliver(new ReceivedEmail(recipient.AsAddress(), from, message.Subject ?? "", message.TextBody, message.HtmlBody));
            }

            return SmtpResponse.Ok;
        }
    }
}
