using System.Collections.Concurrent;

namespace Godwit.Storage;

/// <summary>
/// A query compiled once per concrete context type. EF Core binds a compiled query to the model of
/// the first context that runs it, and SQLite and PostgreSQL contexts can live in one process (the
/// tests, the importer), so each provider's context gets its own compilation. Compiling skips the
/// per-call expression-tree walk and cache lookup, a tenth of a session check's CPU.
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly ConcurrentDictionary<Type, TQuery> byContextType = new();

    public TQuery For(GodwitDbContext db) => byContextType.GetOrAdd(db.GetType(), _ => compile());
}
