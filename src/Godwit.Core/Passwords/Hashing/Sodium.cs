using System.Runtime.InteropServices;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// The few libsodium functions NSec does not expose. libsodium ships with NSec as a native package,
/// so these resolve wherever NSec does. Its scrypt takes any salt, and its Argon2 verifier reads any
/// PHC string (salts of any length, several lanes computed one after another), both in native memory
/// and about eight times faster than managed Argon2.
/// </summary>
internal static class Sodium
{
    private const string Library = "libsodium";

    private static readonly bool Initialized = sodium_init() >= 0;

    /// <summary>scrypt (RFC 7914) with arbitrary parameters; false if libsodium refuses them or runs out of memory.</summary>
    public static bool Scrypt(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, ulong n, uint r, uint p, Span<byte> output)
    {
        EnsureInitialized();

        // libsodium reads through the pointers only for the given lengths; a one-byte stand-in keeps
        // an empty password or salt from becoming a null pointer.
        ReadOnlySpan<byte> none = [0];
        return crypto_pwhash_scryptsalsa208sha256_ll(
            ref MemoryMarshal.GetReference(password.IsEmpty ? none : password), (nuint)password.Length,
            ref MemoryMarshal.GetReference(salt.IsEmpty ? none : salt), (nuint)salt.Length,
            n, r, p,
            ref MemoryMarshal.GetReference(output), (nuint)output.Length) == 0;
    }

    /// <summary>
    /// Verifies a NUL-terminated <c>$argon2i$</c> or <c>$argon2id$</c> PHC string. libsodium compares
    /// the digests with its constant-time <c>sodium_memcmp</c>.
    /// </summary>
    public static bool VerifyArgon2(bool argon2id, ReadOnlySpan<byte> encodedWithNul, ReadOnlySpan<byte> password)
    {
        EnsureInitialized();
        ReadOnlySpan<byte> none = [0];
        ref var pw = ref MemoryMarshal.GetReference(password.IsEmpty ? none : password);
        ref var encoded = ref MemoryMarshal.GetReference(encodedWithNul);
        return (argon2id
            ? crypto_pwhash_argon2id_str_verify(ref encoded, ref pw, (ulong)password.Length)
            : crypto_pwhash_argon2i_str_verify(ref encoded, ref pw, (ulong)password.Length)) == 0;
    }

    private static void EnsureInitialized()
    {
        if (!Initialized)
        {
            throw new InvalidOperationException("libsodium failed to initialise.");
        }
    }

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    private static extern int sodium_init();

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    private static extern int crypto_pwhash_scryptsalsa208sha256_ll(
        ref byte passwd, nuint passwdlen, ref byte salt, nuint saltlen, ulong n, uint r, uint p, ref byte buf, nuint buflen);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    private static extern int crypto_pwhash_argon2i_str_verify(ref byte str, ref byte passwd, ulong passwdlen);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    private static extern int crypto_pwhash_argon2id_str_verify(ref byte str, ref byte passwd, ulong passwdlen);
}
