using Godwit.Server.Legacy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Godwit.Server.Admin.Overview;

/// <summary>The console's first page: how far the migration has come.</summary>
internal sealed class OverviewModel(MigrationOverviewQuery query, LegacyCircuitStates circuits) : PageModel
{
    public MigrationOverview? Overview { get; private set; }

    public IReadOnlyList<(string Hook, string State)> Circuits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Overview = await query.RunAsync(cancellationToken);
        // A hook appears once Godwit has called it since it started.
        Circuits = [.. circuits.All.Select(c => (c.Hook, c.State.ToString().ToLowerInvariant())).OrderBy(c => c.Item1, StringComparer.Ordinal)];
    }
}
