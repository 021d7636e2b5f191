namespace Godwit.Server.Hosting;

/// <summary>The project Godwit serves, bound from the <c>Godwit</c> section.</summary>
public sealed class ProjectOptions
{
    public string? ProjectId { get; set; }

    public string? Secret { get; set; }

    /// <summary>Where clients reach Godwit: the JWT issuer and the base of default links.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>Holds the SQLite database, development credentials and the development outbox.</summary>
    public string DataFolder { get; set; } = "data";

    public string Issuer => PublicUrl.TrimEnd('/');
}

/// <summary>Which database Godwit uses, bound from <c>Godwit:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public string Provider { get; set; } = "sqlite";

    public string? ConnectionString { get; set; }
}
