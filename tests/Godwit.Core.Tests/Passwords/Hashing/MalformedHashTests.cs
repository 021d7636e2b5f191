using Godwit.Core.Passwords.Hashing;

namespace Godwit.Core.Tests.Passwords.Hashing;

/// <summary>Malformed migrate inputs fail at migrate time with Stytch's error type (or Godwit's, for Godwit formats).</summary>
public sealed class MalformedHashTests
{

    private static readonly PasswordHashLimits Limits = new();

    // The cases are JSON written with single quotes, which none of them contains otherwise.
    private static MigratedHashInput Read(string json) => StoredHashJson.Read(json.Replace('\'', '"'));

    [Theory]
    // The table itself.
    [InlineData("invalid_hash_type", "{'hash_type':'md5','hash':'5f4dcc3b5aa765d61d8327deb882cf99'}")]
    [InlineData("invalid_hash_type", "{'hash_type':'','hash':'5f4dcc3b5aa765d61d8327deb882cf99'}")]
    [InlineData("invalid_hash_type", "{'hash_type':'BCRYPT','hash':'$2b$04$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm'}")]
    [InlineData("invalid_hash", "{'hash_type':'md_5','hash':''}")]
    [InlineData("invalid_hash", "{'hash_type':'md_5','hash':'5f4dcc3b5aa765d6 1d8327deb882cf99'}")]
    [InlineData("unexpected_hash_config", "{'hash_type':'bcrypt','hash':'$2b$04$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm','md_5_config':{'prepend_salt':'x'}}")]
    [InlineData("unexpected_hash_config", "{'hash_type':'md_5','hash':'5f4dcc3b5aa765d61d8327deb882cf99','sha_1_config':{'prepend_salt':'x'}}")]
    [InlineData("unexpected_hash_config", "{'hash_type':'scrypt','hash':'$scrypt$ln=4,r=8,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE','scrypt_config':{'salt':'c2FsdA==','n_parameter':16,'r_parameter':8,'p_parameter':1,'key_length':32}}")]
    [InlineData("unexpected_hash_config", "{'hash_type':'argon_2id','hash':'$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE','argon_2_config':{'salt':'somesaltsomesalt','iteration_amount':2,'memory':64,'threads':1,'key_length':32}}")]
    [InlineData("missing_hash_config", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE='}")]
    [InlineData("missing_hash_config", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE='}")]
    [InlineData("missing_hash_config", "{'hash_type':'argon_2i','hash':'6161616161616161616161616161616161616161616161616161616161616161'}")]
    [InlineData("missing_hash_config", "{'hash_type':'hmac_sha_256','hash':'6161616161616161616161616161616161616161616161616161616161616161'}")]
    [InlineData("missing_hash_config", "{'hash_type':'firebase_scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE='}")]
    [InlineData("missing_hash_config", "{'hash_type':'aspnet_membership','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWE='}")]
    [InlineData("missing_hash_config", "{'hash_type':'symfony_sha_512','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ=='}")]
    // bcrypt.
    [InlineData("invalid_bcrypt_hash", "{'hash_type':'bcrypt','hash':'$2b$04$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdmx'}")]
    [InlineData("invalid_bcrypt_hash", "{'hash_type':'bcrypt','hash':'$2b$04$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzd'}")]
    [InlineData("invalid_bcrypt_hash", "{'hash_type':'bcrypt','hash':'$2x$04$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm'}")]
    [InlineData("invalid_bcrypt_hash", "{'hash_type':'bcrypt','hash':'$2b$04$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb+Jzdm'}")]
    [InlineData("invalid_bcrypt_cost", "{'hash_type':'bcrypt','hash':'$2b$17$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm'}")]
    [InlineData("invalid_bcrypt_cost", "{'hash_type':'bcrypt','hash':'$2a$03$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm'}")]
    // scrypt.
    [InlineData("invalid_scrypt_n_parameter", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':1000,'r_parameter':8,'p_parameter':1,'key_length':32}}")]
    [InlineData("invalid_scrypt_n_parameter", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':524288,'r_parameter':1,'p_parameter':1,'key_length':32}}")]
    [InlineData("invalid_scrypt_n_parameter", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':1,'r_parameter':8,'p_parameter':1,'key_length':32}}")]
    [InlineData("invalid_scrypt_n_parameter", "{'hash_type':'scrypt','hash':'$scrypt$ln=0,r=8,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_scrypt_parameters", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':65536,'r_parameter':16,'p_parameter':1,'key_length':32}}")]
    [InlineData("invalid_scrypt_parameters", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':16,'r_parameter':0,'p_parameter':1,'key_length':32}}")]
    [InlineData("invalid_scrypt_parameters", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','r_parameter':8,'p_parameter':1,'key_length':32}}")]
    [InlineData("invalid_scrypt_parameters", "{'hash_type':'scrypt','hash':'YWFhYWFhYWE=','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':16,'r_parameter':8,'p_parameter':1,'key_length':8}}")]
    [InlineData("invalid_scrypt_parameters", "{'hash_type':'scrypt','hash':'$scrypt$ln=4,r=8,p=1,x=2$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_scrypt_parameters", "{'hash_type':'scrypt','hash':'$scrypt$ln=4,r=8$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_scrypt_salt_length", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'','n_parameter':16,'r_parameter':8,'p_parameter':1,'key_length':32}}")]
    [InlineData("invalid_base64_scrypt_salt", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'736f6d6573616c74736f6d6573616c74','n_parameter':16,'r_parameter':8,'p_parameter':1,'key_length':32}}")]
    [InlineData("invalid_base64_scrypt_salt", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'not base64!','n_parameter':16,'r_parameter':8,'p_parameter':1,'key_length':32}}")]
    [InlineData("invalid_base64_scrypt_hash", "{'hash_type':'scrypt','hash':'not-base64','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':16,'r_parameter':8,'p_parameter':1,'key_length':32}}")]
    [InlineData("scrypt_key_length_mismatch", "{'hash_type':'scrypt','hash':'6161616161616161616161616161616161616161616161616161616161616161','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':16,'r_parameter':8,'p_parameter':1,'key_length':32}}")]
    [InlineData("scrypt_key_length_mismatch", "{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':16,'r_parameter':8,'p_parameter':1,'key_length':64}}")]
    // Argon2.
    [InlineData("invalid_hash", "{'hash_type':'argon_2i','hash':'$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_hash", "{'hash_type':'argon_2id','hash':'$argon2id$v=16$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_hash", "{'hash_type':'argon_2id','hash':'$argon2id$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_hash", "{'hash_type':'argon_2id','hash':'$argon2id$v=19$m=64,t=2,p=1,keyid=abc$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_hash", "{'hash_type':'argon_2id','hash':'$argon2d$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_argon_2_memory", "{'hash_type':'argon_2id','hash':'$argon2id$v=19$m=204800,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_argon_2_memory", "{'hash_type':'argon_2id','hash':'$argon2id$v=19$m=16,t=2,p=4$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_argon_2_iteration_amount", "{'hash_type':'argon_2id','hash':'$argon2id$v=19$m=64,t=11,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_argon_2_iteration_amount", "{'hash_type':'argon_2i','hash':'$argon2i$v=19$m=64,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_argon_2_threads", "{'hash_type':'argon_2id','hash':'$argon2id$v=19$m=1024,t=2,p=17$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_argon_2_salt", "{'hash_type':'argon_2id','hash':'$argon2id$v=19$m=64,t=2,p=1$c2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_argon_2_key_length", "{'hash_type':'argon_2id','hash':'$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWE'}")]
    [InlineData("argon_2_key_length_mismatch", "{'hash_type':'argon_2id','hash':'6161616161616161616161616161616161616161616161616161616161616161','argon_2_config':{'salt':'somesaltsomesalt','iteration_amount':2,'memory':64,'threads':1,'key_length':16}}")]
    [InlineData("invalid_argon_2_key_length", "{'hash_type':'argon_2id','hash':'6161616161616161','argon_2_config':{'salt':'somesaltsomesalt','iteration_amount':2,'memory':64,'threads':1,'key_length':8}}")]
    [InlineData("invalid_hash", "{'hash_type':'argon_2id','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','argon_2_config':{'salt':'somesaltsomesalt','iteration_amount':2,'memory':64,'threads':1,'key_length':32}}")]
    [InlineData("invalid_argon_2_salt", "{'hash_type':'argon_2id','hash':'6161616161616161616161616161616161616161616161616161616161616161','argon_2_config':{'iteration_amount':2,'memory':64,'threads':1,'key_length':32}}")]
    [InlineData("invalid_argon_2_salt", "{'hash_type':'argon_2id','hash':'6161616161616161616161616161616161616161616161616161616161616161','argon_2_config':{'salt':'short','iteration_amount':2,'memory':64,'threads':1,'key_length':32}}")]
    [InlineData("invalid_argon_2_memory", "{'hash_type':'argon_2i','hash':'6161616161616161616161616161616161616161616161616161616161616161','argon_2_config':{'salt':'somesaltsomesalt','iteration_amount':2,'memory':200000,'threads':1,'key_length':32}}")]
    // Salted digests and HMAC.
    [InlineData("invalid_md_5_hash", "{'hash_type':'md_5','hash':'6161616161616161616161616161616161616161'}")]
    [InlineData("invalid_md_5_hash", "{'hash_type':'md_5','hash':'X2RjYzNiNWFhNzY1ZDYxZA=='}")]
    [InlineData("invalid_sha_1_hash", "{'hash_type':'sha_1','hash':'zzzz6161616161616161616161616161616161616'}")]
    [InlineData("invalid_sha_1_hash", "{'hash_type':'sha_1','hash':'6161616161616161616161616161616161616161616161616161616161616161'}")]
    [InlineData("invalid_sha_256_hash", "{'hash_type':'sha_256','hash':'6161616161616161616161616161616161616161'}")]
    [InlineData("invalid_sha_512_hash", "{'hash_type':'sha_512','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ=='}")]
    [InlineData("invalid_sha_512_hash", "{'hash_type':'sha_512','hash':'616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616'}")]
    [InlineData("invalid_hmac_sha_256_hash", "{'hash_type':'hmac_sha_256','hash':'6161616161616161616161616161616161616161','hmac_config':{'key':'k'}}")]
    [InlineData("invalid_hmac_sha_512_hash", "{'hash_type':'hmac_sha_512','hash':'6161616161616161616161616161616161616161616161616161616161616161','hmac_config':{'key':'k'}}")]
    [InlineData("invalid_hmac_config", "{'hash_type':'hmac_sha_256','hash':'6161616161616161616161616161616161616161616161616161616161616161','hmac_config':{'key':''}}")]
    // PBKDF2.
    [InlineData("invalid_pbkdf_2_algorithm", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','pbkdf_2_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','iteration_amount':1000,'key_length':32,'algorithm':'md5'}}")]
    [InlineData("invalid_pbkdf_2_algorithm", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','pbkdf_2_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','iteration_amount':1000,'key_length':32,'algorithm':'SHA-256'}}")]
    [InlineData("invalid_pbkdf_2_iteration_amount", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','pbkdf_2_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','iteration_amount':0,'key_length':32}}")]
    [InlineData("invalid_pbkdf_2_iteration_amount", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','pbkdf_2_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','iteration_amount':1200001,'key_length':32}}")]
    [InlineData("invalid_pbkdf_2_salt", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','pbkdf_2_config':{'salt':'736f6d6573616c74736f6d6573616c74','iteration_amount':1000,'key_length':32}}")]
    [InlineData("invalid_pbkdf_2_salt", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','pbkdf_2_config':{'salt':'c29tZX-NhbHQ','iteration_amount':1000,'key_length':32}}")]
    [InlineData("invalid_pbkdf_2_salt", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','pbkdf_2_config':{'iteration_amount':1000,'key_length':32}}")]
    [InlineData("pbkdf_2_key_length_mismatch", "{'hash_type':'pbkdf_2','hash':'6161616161616161616161616161616161616161616161616161616161616161','pbkdf_2_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','iteration_amount':1000,'key_length':32}}")]
    [InlineData("pbkdf_2_key_length_mismatch", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','pbkdf_2_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','iteration_amount':1000,'key_length':64}}")]
    [InlineData("invalid_pbkdf_2_hash", "{'hash_type':'pbkdf_2','hash':'not-base64!','pbkdf_2_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','iteration_amount':1000,'key_length':32}}")]
    [InlineData("invalid_pbkdf_2_hash", "{'hash_type':'pbkdf_2','hash':'YWFhYWFhYWE=','pbkdf_2_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','iteration_amount':1000,'key_length':8}}")]
    // phpass and Drupal 7.
    [InlineData("invalid_phpass_hash_prefix", "{'hash_type':'phpass','hash':'$Q$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0'}")]
    [InlineData("invalid_phpass_hash_prefix", "{'hash_type':'phpass','hash':'$S$DXmUfiR7yhllZ5sAZGsN2yO0ACzTLul4REeV8/ls/Myfy4D3Su9s'}")]
    [InlineData("invalid_phpass_hash_format", "{'hash_type':'phpass','hash':'$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L'}")]
    [InlineData("invalid_phpass_hash_format", "{'hash_type':'phpass','hash':'$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r-L0'}")]
    [InlineData("invalid_phpass_hash_format", "{'hash_type':'phpass','hash':'$P$MIQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0'}")]
    [InlineData("invalid_phpass_hash_format", "{'hash_type':'phpass','hash':'$P$4IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0'}")]
    [InlineData("invalid_drupal_7_hash", "{'hash_type':'drupal_7','hash':'$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0'}")]
    [InlineData("invalid_drupal_7_hash", "{'hash_type':'drupal_7','hash':'$S$DXmUfiR7yhllZ5sAZGsN2yO0ACzTLul4REeV8/ls/Myfy4D3Su9'}")]
    [InlineData("invalid_drupal_7_hash", "{'hash_type':'drupal_7','hash':'$S$ZXmUfiR7yhllZ5sAZGsN2yO0ACzTLul4REeV8/ls/Myfy4D3Su9s'}")]
    // Firebase.
    [InlineData("invalid_firebase_scrypt_config", "{'hash_type':'firebase_scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','firebase_scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','signer_key':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','rounds':8,'memory_cost':19}}")]
    [InlineData("invalid_firebase_scrypt_config", "{'hash_type':'firebase_scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','firebase_scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','signer_key':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','memory_cost':14}}")]
    [InlineData("invalid_firebase_scrypt_config", "{'hash_type':'firebase_scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','firebase_scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','signer_key':'not base64','rounds':8,'memory_cost':14}}")]
    [InlineData("invalid_firebase_scrypt_config", "{'hash_type':'firebase_scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','firebase_scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','salt_separator':'B','signer_key':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','rounds':8,'memory_cost':14}}")]
    [InlineData("invalid_firebase_scrypt_hash", "{'hash_type':'firebase_scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ==','firebase_scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','signer_key':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','rounds':8,'memory_cost':14}}")]
    // crypt(3) family.
    [InlineData("invalid_md_5_crypt_hash", "{'hash_type':'md_5_crypt','hash':'$1$saltsaltx$abcdefghijklmnopqrstuv'}")]
    [InlineData("invalid_md_5_crypt_hash", "{'hash_type':'md_5_crypt','hash':'$1$saltsalt$abcdefghijklmnopqrstu'}")]
    [InlineData("invalid_apr_1_hash", "{'hash_type':'apr_1','hash':'$1$saltsalt$abcdefghijklmnopqrstuv'}")]
    [InlineData("invalid_sha_256_crypt_hash", "{'hash_type':'sha_256_crypt','hash':'$5$rounds=999$salt$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'}")]
    [InlineData("invalid_sha_256_crypt_hash", "{'hash_type':'sha_256_crypt','hash':'$5$saltsaltsaltsaltsalt$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'}")]
    [InlineData("invalid_sha_512_crypt_hash", "{'hash_type':'sha_512_crypt','hash':'$6$rounds=1000001$salt$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'}")]
    [InlineData("invalid_sha_512_crypt_hash", "{'hash_type':'sha_512_crypt','hash':'$6$salt$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'}")]
    [InlineData("invalid_sha_512_crypt_hash", "{'hash_type':'sha_512_crypt','hash':'$5$salt$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'}")]
    // LDAP.
    [InlineData("invalid_ldap_hash", "{'hash_type':'ldap','hash':'{CRYPT}$1$saltsalt$abcdefghijklmnopqrstuv'}")]
    [InlineData("invalid_ldap_hash", "{'hash_type':'ldap','hash':'{SHA}YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE='}")]
    [InlineData("invalid_ldap_hash", "{'hash_type':'ldap','hash':'{SSHA}YWFhYWFhYWFhYWFhYWFhYWFhYWE='}")]
    [InlineData("invalid_ldap_hash", "{'hash_type':'ldap','hash':'W6ph5Mm5Pz8GgiULbPgzG37mj9g='}")]
    // Django, passlib, Werkzeug.
    [InlineData("invalid_django_hash", "{'hash_type':'django','hash':'md5$salt$5f4dcc3b5aa765d61d8327deb882cf99'}")]
    [InlineData("invalid_django_hash", "{'hash_type':'django','hash':'pbkdf2_sha256$lots$salt$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE='}")]
    [InlineData("invalid_django_hash", "{'hash_type':'django','hash':'pbkdf2_sha256$2000000$salt$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE='}")]
    [InlineData("invalid_django_hash", "{'hash_type':'django','hash':'pbkdf2_sha256$1000$salt$YWFhYWFhYWE='}")]
    [InlineData("invalid_django_hash", "{'hash_type':'django','hash':'argon2$argon2id$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_django_hash", "{'hash_type':'django','hash':'bcrypt_sha256$$2b$20$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm'}")]
    [InlineData("invalid_passlib_hash", "{'hash_type':'passlib','hash':'$pbkdf2-sha1$1000$c2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_passlib_hash", "{'hash_type':'passlib','hash':'$pbkdf2-sha256$1000$c2F+dA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_passlib_hash", "{'hash_type':'passlib','hash':'$pbkdf2-sha512$1000$c2FsdA$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE'}")]
    [InlineData("invalid_werkzeug_hash", "{'hash_type':'werkzeug','hash':'pbkdf2:sha256$salt$6161616161616161616161616161616161616161616161616161616161616161'}")]
    [InlineData("invalid_werkzeug_hash", "{'hash_type':'werkzeug','hash':'pbkdf2$salt$6161616161616161616161616161616161616161616161616161616161616161'}")]
    [InlineData("invalid_werkzeug_hash", "{'hash_type':'werkzeug','hash':'sha256$salt$6161616161616161616161616161616161616161616161616161616161616161'}")]
    [InlineData("invalid_werkzeug_hash", "{'hash_type':'werkzeug','hash':'scrypt:32768:8:1$salt$6161616161616161616161616161616161616161616161616161616161616161'}")]
    [InlineData("invalid_werkzeug_hash", "{'hash_type':'werkzeug','hash':'scrypt:1048576:8:1$salt$61616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161'}")]
    // ASP.NET.
    [InlineData("invalid_aspnet_identity_hash", "{'hash_type':'aspnet_identity','hash':'AgAAAAEAAAPoAAAAEA=='}")]
    [InlineData("invalid_aspnet_identity_hash", "{'hash_type':'aspnet_identity','hash':'AH+S6IpPUzvil5Ti++R1rN9qS3YlixmFeGXLmRnd7XNsHGr3cQ+8QbjOG4e6wv1u'}")]
    [InlineData("invalid_aspnet_identity_hash", "{'hash_type':'aspnet_identity','hash':'AQAAAAEAAAPoAAAACGFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh'}")]
    [InlineData("invalid_aspnet_identity_hash", "{'hash_type':'aspnet_identity','hash':'AQAAAAMAAAPoAAAAEIEad2Q5+pRoxYT47y6i7NkhZBm0gLarwgagkpX2KiWJZjPkHHrQcoq2DMREfLYfLA=='}")]
    [InlineData("invalid_aspnet_membership_hash", "{'hash_type':'aspnet_membership','hash':'6161616161616161616161616161616161616161','aspnet_membership_config':{'salt':'c29tZXNhbHRzb21lc2FsdA=='}}")]
    [InlineData("invalid_aspnet_membership_config", "{'hash_type':'aspnet_membership','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWE=','aspnet_membership_config':{'salt':'%%'}}")]
    // Symfony, Devise, bcrypt_sha_256.
    [InlineData("invalid_symfony_sha_512_hash", "{'hash_type':'symfony_sha_512','hash':'61616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161','symfony_config':{'salt':'s'}}")]
    [InlineData("invalid_symfony_config", "{'hash_type':'symfony_sha_512','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ==','symfony_config':{'salt':'a{b'}}")]
    [InlineData("invalid_symfony_config", "{'hash_type':'symfony_sha_512','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ==','symfony_config':{}}")]
    [InlineData("invalid_devise_bcrypt_hash", "{'hash_type':'devise_bcrypt','hash':'$2b$04$short','devise_config':{'pepper':'p'}}")]
    [InlineData("invalid_devise_bcrypt_hash", "{'hash_type':'devise_bcrypt','hash':'$2b$18$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm'}")]
    [InlineData("invalid_bcrypt_sha_256_config", "{'hash_type':'bcrypt_sha_256','hash':'$2b$04$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm','bcrypt_sha_256_config':{'pre_hash_encoding':'base32'}}")]
    [InlineData("invalid_bcrypt_sha_256_hash", "{'hash_type':'bcrypt_sha_256','hash':'6161616161616161616161616161616161616161616161616161616161616161'}")]
    public void A_malformed_hash_is_rejected_with_its_error_type(string expectedErrorType, string json)
    {
        var parsed = PasswordHashParser.Parse(Read(json), Limits);

        Assert.False(parsed.Succeeded, "accepted");
        Assert.Equal(expectedErrorType, parsed.Error!.ErrorType);
        Assert.Equal(400, parsed.Error.StatusCode);
    }

    [Theory]
    [InlineData("{'hash_type':'sha_512','hash':'6161616161616161616161616161616161616161'}", "The hash is 40 hex characters but sha_512 digests are 128.")]
    [InlineData("{'hash_type':'bcrypt','hash':'$2b$14$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm'}", "bcrypt cost 14 exceeds the limit of 13.")]
    [InlineData("{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'not base64!','n_parameter':16,'r_parameter':8,'p_parameter':1,'key_length':32}}", "scrypt_config.salt is not valid standard base64.")]
    [InlineData("{'hash_type':'scrypt','hash':'YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=','scrypt_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','n_parameter':1000,'r_parameter':8,'p_parameter':1,'key_length':32}}", "scrypt N 1000 is not a power of two greater than 1.")]
    [InlineData("{'hash_type':'pbkdf_2','hash':'6161616161616161616161616161616161616161616161616161616161616161','pbkdf_2_config':{'salt':'c29tZXNhbHRzb21lc2FsdA==','iteration_amount':1000,'key_length':32}}", "The hash looks like hex (64 hex characters = 32 bytes); pbkdf_2 hashes must be standard base64.")]
    [InlineData("{'hash_type':'md_5','hash':'X2RjYzNiNWFhNzY1ZDYxZA=='}", "The hash looks like base64; md_5 hashes must be the hex digest (32 hex characters).")]
    [InlineData("{'hash_type':'bcrypt','hash':'$2b$04$saltsaltsaltsaltsaltsughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm','scrypt_config':{'salt':'c2FsdA=='}}", "scrypt_config was given but hash_type bcrypt takes no config.")]
    public void The_message_names_the_field_and_the_problem(string json, string expectedMessage)
    {
        var parsed = PasswordHashParser.Parse(Read(json), Limits);

        Assert.Equal(expectedMessage, parsed.Error?.Message);
    }

    [Theory]
    [InlineData("prepend_salt", "invalid_prepend_salt")]
    [InlineData("append_salt", "invalid_append_salt")]
    public void A_salt_longer_than_1024_characters_is_rejected(string field, string expectedErrorType)
    {
        var salt = new string('s', 1025);
        var config = field == "prepend_salt" ? new SaltedDigestConfig(salt, null) : new SaltedDigestConfig(null, salt);

        var parsed = PasswordHashParser.Parse(new MigratedHashInput(HashTypes.Md5, "5f4dcc3b5aa765d61d8327deb882cf99") { Md5Config = config }, Limits);

        Assert.Equal(expectedErrorType, parsed.Error?.ErrorType);
        Assert.Contains($"md_5_config.{field}", parsed.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_longer_than_the_limit_is_not_read()
    {
        var parsed = PasswordHashParser.Parse(new MigratedHashInput(HashTypes.Ldap, "{SSHA}" + new string('A', PasswordHashParser.MaxHashLength)), Limits);

        Assert.Equal("invalid_hash", parsed.Error?.ErrorType);
    }

    [Theory]
    [MemberData(nameof(HashVector.Malformed), MemberType = typeof(HashVector))]
    public void A_shared_malformed_vector_is_rejected_with_an_error_type_of_its_format(HashVector vector)
    {
        var input = vector.Input;

        var parsed = PasswordHashParser.Parse(input, Limits);

        Assert.False(parsed.Succeeded, $"{vector.Case} was accepted");
        Assert.Contains(parsed.Error!.ErrorType, ErrorTypesOf(input.HashType));
    }

    /// <summary>The error types a format answers with, besides the table's own missing/unexpected config.</summary>
    private static string[] ErrorTypesOf(string hashType) => [
        "missing_hash_config", "unexpected_hash_config",
        .. hashType switch
        {
            "" => Array.Empty<string>(),
            HashTypes.Bcrypt => ["invalid_bcrypt_hash", "invalid_bcrypt_cost"],
            HashTypes.Scrypt => ["invalid_scrypt_parameters", "invalid_scrypt_n_parameter", "invalid_scrypt_salt_length", "invalid_base64_scrypt_salt", "invalid_base64_scrypt_hash", "scrypt_key_length_mismatch"],
            HashTypes.Argon2i or HashTypes.Argon2id => ["invalid_hash", "invalid_argon_2_salt", "invalid_argon_2_iteration_amount", "invalid_argon_2_memory", "invalid_argon_2_threads", "invalid_argon_2_key_length", "argon_2_key_length_mismatch"],
            HashTypes.Md5 => ["invalid_md_5_hash", "invalid_prepend_salt", "invalid_append_salt"],
            HashTypes.Sha1 => ["invalid_sha_1_hash", "invalid_prepend_salt", "invalid_append_salt"],
            HashTypes.Sha256 => ["invalid_sha_256_hash", "invalid_prepend_salt", "invalid_append_salt"],
            HashTypes.Sha512 => ["invalid_sha_512_hash", "invalid_prepend_salt", "invalid_append_salt"],
            HashTypes.Pbkdf2 => ["invalid_pbkdf_2_hash", "invalid_pbkdf_2_salt", "invalid_pbkdf_2_iteration_amount", "invalid_pbkdf_2_algorithm", "pbkdf_2_key_length_mismatch"],
            HashTypes.Phpass => ["invalid_phpass_hash_prefix", "invalid_phpass_hash_format"],
            HashTypes.FirebaseScrypt => ["invalid_firebase_scrypt_hash", "invalid_firebase_scrypt_config"],
            HashTypes.AspNetMembership => ["invalid_aspnet_membership_hash", "invalid_aspnet_membership_config"],
            HashTypes.SymfonySha512 => ["invalid_symfony_sha_512_hash", "invalid_symfony_config"],
            HashTypes.DeviseBcrypt => ["invalid_devise_bcrypt_hash", "invalid_devise_config"],
            HashTypes.HmacSha256 or HashTypes.HmacSha512 => [$"invalid_{hashType}_hash", "invalid_hmac_config"],
            HashTypes.BcryptSha256 => ["invalid_bcrypt_sha_256_hash", "invalid_bcrypt_sha_256_config"],
            _ => [$"invalid_{hashType}_hash"],
        },
    ];
}
