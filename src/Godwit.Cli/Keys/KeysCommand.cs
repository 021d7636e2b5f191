using System.CommandLine;
using Godwit.Cli.CommandLine;
using Godwit.Cli.Hosting;
using Godwit.Cli.Migration;
using Godwit.Core.Security;

namespace Godwit.Cli.Keys;

/// <summary>
/// <c>godwit keys new</c> makes an encryption key for <c>Godwit:EncryptionKeys</c>; <c>godwit keys
/// reseal</c> moves every sealed secret in the database to the newest key.
/// </summary>
internal static class KeysCommand
{
    public const string Usage = """
        Usage: godwit keys new
               godwit keys reseal [configuration]

          new      Prints a new encryption key, <id>:<base64 of 32 random bytes>, on one line. Put it first
                   in Godwit:EncryptionKeys (the first key seals, every key listed opens), for example
                   Godwit__EncryptionKeys="<new key>,<older keys>", on every Godwit process.
          reseal   Opens every sealed secret in the database (JWT signing keys, TOTP secrets, recovery
                   codes) with whichever configured key sealed it, the key derived from Godwit:Secret
                   included, and seals it again under the newest key. Safe to interrupt and to run again.
                   Afterwards the older keys can leave Godwit:EncryptionKeys and Godwit:Secret can change.
                   Exits with 1 when some value opens under no configured key.

        The database and the keys come from configuration, as for serve: --Godwit:Database:Provider
        postgres --Godwit:Database:ConnectionString "...", or the environment (Godwit__EncryptionKeys, ...).
        """;

    private static readonly (SealedColumn Column, string Name)[] Columns =
    [
        (SealedColumn.SigningKeys, "JWT signing keys"),
        (SealedColumn.TotpSecrets, "TOTP secrets"),
        (SealedColumn.TotpRecoveryCodes, "TOTP recovery codes"),
    ];

    public static Command Create()
    {
        var make = new GodwitCommand("new", "Print a new encryption key for Godwit:EncryptionKeys.", Usage);
        make.SetAction(_ =>
        {
            // The key alone on standard output, so `$(godwit keys new)` captures nothing else.
            Console.WriteLine(EncryptionKey.NewSetting(DateTimeOffset.UtcNow));
            Console.Error.WriteLine("Put this key first in Godwit:EncryptionKeys, keeping the older keys after it until `godwit keys reseal` has run.");
            return ExitCodes.Done;
        });
        var reseal = new GodwitCommand("reseal", "Seal every stored secret under the newest key.", Usage, takesConfiguration: true);
        reseal.SetAction((parsed, _) => ResealAsync([.. parsed.UnmatchedTokens]));
        var keys = new GodwitCommand("keys", "Encryption keys: new, reseal.", Usage) { make, reseal };
        GodwitCommand.ShowUsageWithoutSubcommand(keys);
        return keys;
    }

    private static async Task<int> ResealAsync(string[] configuration)
    {
        using var cancellation = new Cancellation();
        try
        {
            await using var storage = await StorageHost.OpenAsync(configuration, cancellation.Token);
            var keys = storage.Keys;
            await using var scope = storage.Services.CreateAsyncScope();
            var resealer = new SecretResealer(scope.ServiceProvider.GetRequiredService<ISealedSecretStore>(), keys);
            Console.WriteLine($"Sealing under {keys.Encryption.NewestId}, the newest key.");
            var unopenable = 0;
            var changed = 0;
            foreach (var (column, name) in Columns)
            {
                var counts = await resealer.ResealAsync(column, cancellation.Token);
                Console.WriteLine($"  {name}: {counts.Resealed:N0} re-sealed, {counts.AlreadyNewest:N0} already under it, {counts.Unopenable:N0} open under no configured key"
                    + (counts.ChangedMeanwhile > 0 ? $", {counts.ChangedMeanwhile:N0} changed or deleted meanwhile" : "") + ".");
                unopenable += counts.Unopenable;
                changed += counts.ChangedMeanwhile;
            }

            if (changed > 0)
            {
                Console.WriteLine("Some values changed while this ran; run it again to check them.");
            }

            if (unopenable > 0)
            {
                Console.Error.WriteLine(
                    $"{unopenable:N0} values open under no configured key (sealed under a key no longer in Godwit:EncryptionKeys, or under another Godwit:Secret) and were left as they are.");
                return 1;
            }

            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Interrupted. Values already re-sealed stay so; run the command again to go on.");
            return ExitCodes.Interrupted;
        }
    }
}
