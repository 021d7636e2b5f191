namespace Godwit.Core.Passwords;

/// <summary>
/// Lets as many password hashes be computed at once as there are cores. A hash is tens of
/// milliseconds of CPU on a thread-pool thread; with more of them at once than cores they only take
/// turns on the CPU while holding threads, and a burst of logins starves the thread pool that every
/// other request needs. Waiting here is asynchronous and holds no thread.
/// </summary>
public sealed class HashingGate : IDisposable
{
    private readonly SemaphoreSlim slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public void Dispose() => slots.Dispose();

    public async Task<T> RunAsync<T>(Func<T> hashing, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return hashing();
        }
        finally
        {
            slots.Release();
        }
    }
}
