using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Presets;
using Godwit.Import.Reading;
using static Godwit.Import.Tests.Samples;

namespace Godwit.Import.Tests.Presets;

public sealed class GenericPresetTests
{
    private static IExportPreset Preset(string mappingPath) =>
        ExportPresets.Find("generic")!.Create(new PresetOptions(new Dictionary<string, string> { ["mapping"] = mappingPath }));

    private static Task<List<ImportRow>> ReadCsvSampleAsync() => ReadAllAsync(Preset(Path("generic-mapping.json")), Path("generic-users.csv"));

    [Fact]
    public async Task A_csv_row_maps_through_the_mapping_with_a_per_row_hash_type_and_per_row_config_values()
    {
        var rows = await ReadCsvSampleAsync();

        AssertUser(
            new ImportUser(2, "1001", "kim@example.com", true, null, false)
            {
                FirstName = "Kim",
                LastName = "Min-jun",
                TrustedMetadata = Json("""{"plan":"gold"}"""),
                CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1700000000).UtcDateTime,
                PasswordHash = new MigratedHashInput("pbkdf_2", "Xm9RSy9lR/vf80atplKVectbYKgBnF10kTcKI0IRQEg=")
                {
                    Pbkdf2Config = new Pbkdf2Config("WN6kvqb6TW2RAqPlwypLXQ==", 1000, 32, "sha256"),
                },
            },
            User(rows[0]));
        AssertUser(
            new ImportUser(3, "1002", "lee@example.com", false, "+821012345678", false)
            {
                FirstName = "Lee",
                CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1700000100).UtcDateTime,
                PasswordHash = new MigratedHashInput("bcrypt", "$2b$04$zUwRxsSOrJmR30RvrddffeVZ5ET97vyhbjXo7g14/dY2MHaw7Otue"),
            },
            User(rows[1]));
        AssertUser(
            new ImportUser(5, "1004", "choi@example.com", false, null, false) { FirstName = "Choi", CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1700000300).UtcDateTime },
            User(rows[3]));
    }

    [Fact]
    public async Task The_mapped_hashes_verify_their_passwords()
    {
        var rows = await ReadCsvSampleAsync();

        AssertVerifies(User(rows[0]).PasswordHash, "pbkdf2_sha256_i1000_dk32");
        AssertVerifies(User(rows[1]).PasswordHash, "bcrypt_2b_cost4_bcryptjs_utf8");
        AssertVerifies(User(rows[2]).PasswordHash, "pbkdf2_sha256_i1500_dk32_node_utf8");
    }

    [Fact]
    public async Task A_config_column_that_is_not_a_number_refuses_the_row_naming_column_and_field()
    {
        var rows = await ReadCsvSampleAsync();

        Assert.Equal(
            new ImportRow.Refused(6, "1005", "invalid_record", "iterations (pbkdf_2_config.iteration_amount) 'many' is not a whole number."),
            rows[4]);
    }

    [Fact]
    public async Task HMAC_hashes_with_binary_keys_in_hex_or_base64_verify_and_a_key_that_does_not_decode_is_refused()
    {
        var hex256 = VectorLine("hmac_sha_256_openssl_hex_key");
        var base64512 = VectorLine("hmac_sha_512_python_base64_key");
        using var mapping = new TempFile("""
            {"format":"csv","legacy_id":"id","email":"email","password_hash":"hash","hash_type_column":"type",
             "hash_config_columns":{"hmac_config.key":"key","hmac_config.key_encoding":"encoding"}}
            """, ".json");
        using var export = new TempFile(
            "id,email,type,hash,key,encoding\n"
            + $"1,a@example.com,hmac_sha_256,{hex256["hash"]},{hex256["hmac_config"]!["key"]},hex\n"
            + $"2,b@example.com,hmac_sha_512,{base64512["hash"]},{base64512["hmac_config"]!["key"]},base64\n"
            + $"3,c@example.com,hmac_sha_256,{hex256["hash"]},{hex256["hmac_config"]!["key"]}x,hex\n",
            ".csv");

        var rows = await ReadAllAsync(Preset(mapping.Path), export.Path);
        var undecodable = PasswordHashParser.Parse(User(rows[2]).PasswordHash!, new PasswordHashLimits());

        AssertVerifies(User(rows[0]).PasswordHash, "hmac_sha_256_openssl_hex_key");
        AssertVerifies(User(rows[1]).PasswordHash, "hmac_sha_512_python_base64_key");
        Assert.Equal("invalid_hmac_config", undecodable.Error?.ErrorType);
        Assert.Contains("not hex", undecodable.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_array_under_a_property_maps_numbers_objects_and_a_constant_hash_type()
    {
        var rows = await ReadAllAsync(Preset(Path("generic-mapping-json.json")), Path("generic-users.json"));

        AssertUser(
            new ImportUser(1, "7", "rose@example.com", true, null, false)
            {
                FirstName = "Rose",
                LastName = "Dieng-Kuntz",
                UntrustedMetadata = Json("""{"about":{"bio":"ontologies","langs":["fr","en"]}}"""),
                CreatedAt = Utc("2019-09-30T10:00:00Z"),
                PasswordHash = new MigratedHashInput("md_5", "0095330fa7f25212694d202890fb570c") { Md5Config = new SaltedDigestConfig("a71b7c05", "$738972") },
            },
            User(rows[0]));
        AssertUser(new ImportUser(2, "8", "nohash@example.com", false, null, false), User(rows[1]));
        AssertVerifies(User(rows[0]).PasswordHash, "md_5_prepend_append_utf8");
    }

    [Fact]
    public async Task JSON_lines_map_booleans_and_millisecond_times_and_a_user_may_have_only_a_phone()
    {
        using var mapping = new TempFile("""
            {"format": "jsonl", "legacy_id": "id", "phone_number": "msisdn", "phone_verified": "ok", "middle_name": "mid",
             "created_at": "ts", "created_at_format": "unix_ms", "trusted_metadata": ["roles", "absent"]}
            """, ".json");
        using var export = new TempFile("""
            {"id": "p-1", "msisdn": " +4915112345678 ", "ok": true, "mid": "Q", "ts": 1700000000123, "roles": ["ops"]}

            {"msisdn": "+4915112345679"}
            """, ".jsonl");

        var rows = await ReadAllAsync(Preset(mapping.Path), export.Path);

        AssertUser(
            new ImportUser(1, "p-1", null, false, "+4915112345678", true)
            {
                MiddleName = "Q",
                TrustedMetadata = Json("""{"roles":["ops"]}"""),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1700000000123).UtcDateTime,
            },
            User(rows[0]));
        Assert.Equal(new ImportRow.Refused(3, null, "invalid_record", "id is missing."), rows[1]);
    }

    [Fact]
    public async Task A_mapped_column_missing_from_the_csv_header_stops_the_import_at_once()
    {
        using var csv = new TempFile("uid,email,pw\n1,a@example.com,\n", ".csv");

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAllAsync(Preset(Path("generic-mapping.json")), csv.Path));

        Assert.Equal(1, error.Line);
        Assert.Contains("\"mail\", \"mail_ok\", \"tel\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"format":"csv","email":"e","emial_verified":"v"}""", "unknown key \"emial_verified\"")]
    [InlineData("""{"format":"xml","email":"e"}""", "\"format\" must be \"csv\", \"jsonl\" or \"json\", not \"xml\"")]
    [InlineData("""{"format":"csv","legacy_id":"id"}""", "map \"email\" or \"phone_number\"")]
    [InlineData("""{"format":"csv","email":"e","array_property":"users"}""", "\"array_property\" applies to the \"json\" format only")]
    [InlineData("""{"format":"csv","email":"e","hash_type":"bcrypt"}""", "need \"password_hash\"")]
    [InlineData("""{"format":"csv","email":"e","password_hash":"h"}""", "give either \"hash_type\"")]
    [InlineData("""{"format":"csv","email":"e","password_hash":"h","hash_type":"bcrypt","hash_type_column":"t"}""", "not both")]
    [InlineData("""{"format":"csv","email":"e","password_hash":"h","hash_type":"sha256"}""", "\"hash_type\" \"sha256\" is not supported")]
    [InlineData("""{"format":"csv","email":"e","password_hash":"h","hash_type":"bcrypt","hash_config":{"pbkdf_2_config":{}}}""", "hash_type bcrypt takes no config, but the mapping gives pbkdf_2_config")]
    [InlineData("""{"format":"csv","email":"e","password_hash":"h","hash_type":"pbkdf_2","hash_config_columns":{"scrypt_config.salt":"s"}}""", "hash_type pbkdf_2 takes pbkdf_2_config, not scrypt_config")]
    [InlineData("""{"format":"csv","email":"e","password_hash":"h","hash_type_column":"t","hash_config":{"pbkdf_2_config":{"rounds":3}}}""", "pbkdf_2_config has no field \"rounds\"")]
    [InlineData("""{"format":"csv","email":"e","password_hash":"h","hash_type_column":"t","hash_config":{"pbkdf_2_config":{"iteration_amount":"1000"}}}""", "pbkdf_2_config.iteration_amount must be a whole number")]
    [InlineData("""{"format":"csv","email":"e","password_hash":"h","hash_type_column":"t","hash_config":{"pbkdf2_config":{}}}""", "pbkdf2_config, which is not a config of the migrate request")]
    [InlineData("""{"format":"csv","email":"e","password_hash":"h","hash_type_column":"t","hash_config_columns":{"salt":"s"}}""", "must be <config>.<field>")]
    [InlineData("""{"format":"csv","email":"","trusted_metadata":["a"]}""", "\"email\" must be a non-empty string")]
    [InlineData("""{"format":"csv","email":"e","trusted_metadata":"a"}""", "\"trusted_metadata\" must be a list of columns")]
    [InlineData("""[1]""", "must hold one JSON object")]
    [InlineData("""{"format":"csv",""", "not valid JSON")]
    public void A_mapping_file_that_cannot_work_is_refused_before_any_row_is_read(string mapping, string message)
    {
        using var file = new TempFile(mapping, ".json");

        var error = Assert.Throws<PresetOptionsException>(() => Preset(file.Path));

        Assert.StartsWith("Option 'mapping': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
