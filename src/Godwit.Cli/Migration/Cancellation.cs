using System.Runtime.InteropServices;

namespace Godwit.Cli.Migration;

/// <summary>Ctrl+C and SIGTERM cancel the run instead of ending the process mid-write, so it can say where it stopped.</summary>
internal sealed class Cancellation : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration terminate;

    public Cancellation()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            source.Cancel();
        });
    }

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        terminate.Dispose();
        source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        source.Cancel();
    }
}
