using Godwit.Core.Passwords.Hashing;
using Godwit.Import;
using Godwit.Import.Reading;

namespace Godwit.Cli.Import;

/// <summary>
/// <c>--check-password</c>: proves, before anything is written, that sample users' hashes accept
/// passwords known to be right. This is what catches hex given as base64, a wrong Firebase key or
/// a wrong iteration count, mistakes that otherwise import "successfully" and lock everyone out.
/// </summary>
internal static class PasswordChecks
{
    public static async Task<bool> PassAsync(IExportPreset preset, string input, IReadOnlyList<(string LegacyId, string Password)> checks, PasswordHashLimits limits, CancellationToken cancellationToken)
    {
        var wanted = checks.ToDictionary(c => c.LegacyId, c => c.Password, StringComparer.Ordinal);
        var passed = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        await foreach (var row in preset.ReadAsync(input, cancellationToken))
        {
            if (row is not ImportRow.Read { User.LegacyId: { } id } read || !wanted.TryGetValue(id, out var password))
            {
                continue;
            }

            if (read.User.PasswordHash is not { } hash)
            {
                failures.Add($"{id}: the export has no password hash for this user.");
                continue;
            }

            var parsed = PasswordHashParser.Parse(hash, limits);
            if (!parsed.Succeeded)
            {
                failures.Add($"{id}: the hash is refused: {parsed.Error!.ErrorType}: {parsed.Error.Message}");
            }
            else if (!parsed.Value.Verify(password))
            {
                failures.Add($"{id}: the {parsed.Value.HashType} hash does NOT accept the given password. Check the hash parameters and encodings before importing.");
            }
            else
            {
                passed.Add(id);
            }
        }

        failures.AddRange(wanted.Keys.Where(id => !passed.Contains(id) && !failures.Any(f => f.StartsWith(id + ":", StringComparison.Ordinal))).Select(id => $"{id}: no such legacy id in the export."));
        foreach (var id in passed)
        {
            Console.WriteLine($"check-password {id}: the hash accepts the password.");
        }

        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"check-password {failure}");
        }

        return failures.Count == 0;
    }
}
