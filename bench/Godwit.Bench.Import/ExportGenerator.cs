using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Godwit.Bench.Import;

/// <summary>
/// Writes N synthetic users in a preset's export format. Every user with a password gets the same
/// bcrypt(10) hash: the importer parses hashes but never verifies them, so its cost does not depend
/// on which hash it is, and generating a million distinct bcrypt hashes would take hours.
/// </summary>
internal static class ExportGenerator
{
    // bcrypt cost 10 of "correct horse battery staple".
    public const string Password = "correct horse battery staple";

    public static async Task WriteAsync(string preset, int users, bool withPasswords, string path)
    {
        var bcrypt = BCrypt.Net.BCrypt.HashPassword(Password, 10);
        await using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        switch (preset)
        {
            case "stytch":
                for (var i = 0; i < users; i++)
                {
                    await file.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        user_id = $"user-live-{Guid.CreateVersion7()}",
                        emails = new[] { new { email = Email(i), verified = i % 3 != 0 } },
                        phone_numbers = Array.Empty<object>(),
                        name = new { first_name = "User", middle_name = "", last_name = i.ToString(CultureInfo.InvariantCulture) },
                        trusted_metadata = new { plan = i % 2 == 0 ? "free" : "pro" },
                        untrusted_metadata = new { },
                        created_at = "2024-01-02T03:04:05Z",
                    }));
                }

                break;
            case "supabase":
                await file.WriteLineAsync("id,email,encrypted_password,email_confirmed_at,phone,phone_confirmed_at,raw_user_meta_data,raw_app_meta_data,created_at");
                for (var i = 0; i < users; i++)
                {
                    var hash = withPasswords ? bcrypt : "";
                    await file.WriteLineAsync($"{Guid.NewGuid()},{Email(i)},{hash},{(i % 3 != 0 ? "2024-01-02 03:04:05+00" : "")},,,\"{{\"\"name\"\":\"\"User {i}\"\"}}\",\"{{\"\"provider\"\":\"\"email\"\"}}\",2024-01-02 03:04:05+00");
                }

                break;
            default:
                throw new ArgumentException($"The generator writes stytch or supabase exports, not '{preset}'.");
        }
    }

    private static string Email(int i) => $"user{i.ToString(CultureInfo.InvariantCulture)}@example.com";
}
