namespace LegacyApp.Users;

/// <summary>A member of the application, as its own table has always held them.</summary>
internal sealed class AppUser
{
    public int Id { get; set; }

    /// <summary>Stored lower case: the application has always normalised addresses on the way in.</summary>
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>Set by the database when the row is inserted.</summary>
    public DateTime MemberSince { get; set; }

    /// <summary>
    /// Added for the move to Godwit: the Godwit user id, once this member has signed in through
    /// Godwit (linked) or signed up through it (created). Null: not seen since the move began.
    /// </summary>
    public string? GodwitUserId { get; set; }
}
