namespace Godwit.Core.Passwords.Hashing;

/// <summary>The <c>hash_type</c> values Godwit accepts: Stytch's, then Godwit's own.</summary>
public static class HashTypes
{
    public const string Bcrypt = "bcrypt";
    public const string Scrypt = "scrypt";
    public const string Argon2i = "argon_2i";
    public const string Argon2id = "argon_2id";
    public const string Md5 = "md_5";
    public const string Sha1 = "sha_1";
    public const string Sha512 = "sha_512";
    public const string Pbkdf2 = "pbkdf_2";
    public const string Phpass = "phpass";

    public const string FirebaseScrypt = "firebase_scrypt";
    public const string Md5Crypt = "md_5_crypt";
    public const string Sha256Crypt = "sha_256_crypt";
    public const string Sha512Crypt = "sha_512_crypt";
    public const string Apr1 = "apr_1";
    public const string Ldap = "ldap";
    public const string Django = "django";
    public const string Passlib = "passlib";
    public const string AspNetIdentity = "aspnet_identity";
    public const string AspNetMembership = "aspnet_membership";
    public const string Werkzeug = "werkzeug";
    public const string Drupal7 = "drupal_7";
    public const string SymfonySha512 = "symfony_sha_512";
    public const string DeviseBcrypt = "devise_bcrypt";
    public const string HmacSha256 = "hmac_sha_256";
    public const string HmacSha512 = "hmac_sha_512";
    public const string Sha256 = "sha_256";
    public const string BcryptSha256 = "bcrypt_sha_256";
}
