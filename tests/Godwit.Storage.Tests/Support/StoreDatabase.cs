using Godwit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Storage.Tests.Support;

/// <summary>
/// One migrated database for a test class, registered as the server registers it, without the
/// HTTP application. Tests take their stores from a scope of their own and use keys no other test
/// uses, so they share the database without seeing each other's rows.
/// </summary>
public abstract class StoreDatabase : IAsyncLifetime
{
    private ServiceProvider? services;

    /// <summary>The provider's services over a migrated database, or null when the provider is unavailable here.</summary>
    protected abstract Task<ServiceProvider?> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Why the database could not be opened; the test is skipped (failed under CI) with it.</summary>
    protected abstract string UnavailableReason { get; }

    public IServiceProvider Services
    {
        get
        {
            if (services is null)
            {
                MissingTool.Skip(UnavailableReason);
            }

            return services;
        }
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="use"/> with a store of a fresh scope, as one request would.</summary>
    public async Task<TResult> UseAsync<TStore, TResult>(Func<TStore, Task<TResult>> use)
        where TStore : notnull
    {
        await using var scope = Scope();
        return await use(scope.ServiceProvider.GetRequiredService<TStore>());
    }

    public async Task UseAsync<TStore>(Func<TStore, Task> use)
        where TStore : notnull
    {
        await using var scope = Scope();
        await use(scope.ServiceProvider.GetRequiredService<TStore>());
    }

    /// <summary>Runs <paramref name="count"/> calls at once, each with a store of its own scope, as parallel requests would.</summary>
    public async Task<TResult[]> RaceAsync<TStore, TResult>(int count, Func<TStore, int, Task<TResult>> use)
        where TStore : notnull
    {
        // Every racer has its scope before any starts, so they meet the database together.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await using var scope = Scope();
            var store = scope.ServiceProvider.GetRequiredService<TStore>();
            await start.Task;
            return await use(store, i);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(racers);
    }

    public async ValueTask InitializeAsync() => services = await OpenAsync(TestContext.Current.CancellationToken);

    public virtual async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
