namespace Godwit.Core.Passwords;

/// <summary>
/// Lets as many password hashes be computed at once as there are cores, with a bounded queue of
/// waiters behind them. A hash is tens of milliseconds of CPU on a thread-pool thread; with more of
/// them at once than cores they only take turns on the CPU while holding threads, and a burst of
/// logins starves the thread pool that every other request needs. Waiting here is asynchronous and
/// holds no thread. Past <see cref="Hashing.PasswordHashingOptions.QueueLimitPerCore"/> waiters per
/// core a request is refused at once (<see cref="PasswordHashingOverloadedException"/>): a queue
/// without bound only turns a burst into minutes of latency and memory for answers nobody awaits.
/// </summary>
public sealed class HashingGate : IDisposable
{
    private readonly int slotCount = Environment.ProcessorCount;
    private readonly int admissionLimit;
    private readonly SemaphoreSlim slots;
    private readonly TimeProvider clock;

    // Hashes running plus hashes waiting for a slot.
    private int admitted;

    // A moving average of how long one hash takes, to tell refused callers when to come back.
    private long typicalHashTicks;

    public HashingGate(PasswordOptions options, TimeProvider clock)
    {
        slots = new SemaphoreSlim(slotCount, slotCount);
        admissionLimit = slotCount + (options.Hashing.QueueLimitPerCore * slotCount);
        this.clock = clock;
    }

    public void Dispose() => slots.Dispose();

    /// <exception cref="PasswordHashingOverloadedException">Every slot is busy and the queue is full.</exception>
    public async Task<T> RunAsync<T>(Func<T> hashing, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref admitted) > admissionLimit)
        {
            Interlocked.Decrement(ref admitted);
            throw new PasswordHashingOverloadedException(EstimatedWait());
        }

        try
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var started = clock.GetTimestamp();
                var result = hashing();
                Remember(clock.GetElapsedTime(started));
                return result;
            }
            finally
            {
                slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref admitted);
        }
    }

    // Concurrent updates may lose one another's sample; an estimate needs no more.
    private void Remember(TimeSpan took)
    {
        var previous = Volatile.Read(ref typicalHashTicks);
        Volatile.Write(ref typicalHashTicks, previous == 0 ? took.Ticks : ((previous * 7) + took.Ticks) / 8);
    }

    // A full gate drains at one hash per slot per typical hash time; never less than a second.
    private TimeSpan EstimatedWait()
    {
        var drain = TimeSpan.FromTicks(Volatile.Read(ref typicalHashTicks) * admissionLimit / slotCount);
        return drain > TimeSpan.FromSeconds(1) ? drain : TimeSpan.FromSeconds(1);
    }
}
