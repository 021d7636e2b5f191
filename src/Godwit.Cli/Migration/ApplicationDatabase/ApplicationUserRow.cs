namespace Godwit.Cli.Migration.ApplicationDatabase;

/// <summary>
/// An application user as the command line sees it: the columns <see cref="ApplicationTable"/> names,
/// each property mapped to its column or left out of the model. The key's type follows the column's
/// (integers as long, uuid as Guid, text as string).
/// </summary>
internal sealed class ApplicationUserRow<TKey>
    where TKey : notnull
{
    public TKey Id { get; set; } = default!;

    public string? GodwitUserId { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? FullName { get; set; }
}
