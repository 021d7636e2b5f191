namespace Godwit.Server.Admin.Overview;

internal sealed class MigrationOverviewQuery;
