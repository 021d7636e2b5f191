namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// The stored form of a migrated hash: the migrate request's own JSON shape (<c>hash_type</c>,
/// <c>hash</c>, and the config object under its wire name), written in a fixed order so equal
/// inputs store equal text. Keeping the wire shape means one parser serves both the request and
/// every later login.
/// </summary>
internal static class StoredHashJson
{
    public static string Write(MigratedHashInput input) => HashConfigTable.Serialize(input);

    /// <summary>Reads what <see cref="Write"/> wrote; anything else is corruption and throws.</summary>
    public static MigratedHashInput Read(string stored) => HashConfigTable.Deserialize(stored);
}
