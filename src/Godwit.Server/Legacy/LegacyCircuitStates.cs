using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace Godwit.Server.Legacy;

/// <summary>
/// The state of each legacy endpoint's circuit breaker, kept by the breakers' callbacks for the
/// <c>godwit.legacy_hook.circuit.state</c> gauge. An endpoint appears once its client first runs.
/// </summary>
internal sealed class LegacyCircuitStates
{
    private readonly ConcurrentDictionary<string, CircuitState> states = new(StringComparer.Ordinal);

    public void Set(string client, CircuitState state) => states[client] = state;

    /// <summary>Each endpoint by its short name (<c>password</c>, <c>user_lookup</c>, …) and its state.</summary>
    public IEnumerable<(string Hook, CircuitState State)> All =>
        states.Select(pair => (HookName(pair.Key), pair.Value));

    /// <summary><c>godwit-legacy-user-lookup-hook</c> → <c>user_lookup</c>: the label the metrics carry.</summary>
    public static string HookName(string client) =>
        client.Replace("godwit-legacy-", "", StringComparison.Ordinal).Replace("-hook", "", StringComparison.Ordinal).Replace('-', '_');
}
