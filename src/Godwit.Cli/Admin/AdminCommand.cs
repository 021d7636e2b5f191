using System.CommandLine;
using System.Text.Json.Nodes;
using Godwit.Cli.CommandLine;
using Godwit.Cli.Hosting;
using Godwit.Cli.Migration;
using Godwit.Core.Admin;
using Godwit.Core.Events;
using Godwit.Core.Users;

namespace Godwit.Cli.Admin;

/// <summary>
/// <c>godwit admin create &lt;email&gt;</c>: gives a Godwit user (made for the purpose when the
/// address has none) console access. The API cannot grant it, so this is how the first admin, and
/// every other, comes to be: whoever runs it already holds the database and its configuration.
/// </summary>
internal static class AdminCommand
{
    public const string Usage = """
        Usage: godwit admin create <email> [configuration]

          create   Gives the user with this email access to the admin console (/admin), creating the
                   user when no user has the address. The admin signs in with a code sent to the email,
                   then a TOTP code; an admin without an authenticator app sets one up at first sign-in.
                   Running it again for an admin changes nothing.

        The database comes from configuration, as for serve: --Godwit:Database:Provider postgres
        --Godwit:Database:ConnectionString "...", or the environment. The console itself is on in
        Development and needs Godwit:Admin:Enabled=true elsewhere (docs/console.md).
        """;

    public static Command Create()
    {
        var email = new Argument<string>("email") { Description = "The admin's email address." };
        var create = new GodwitCommand("create", "Give the user with this email access to the admin console.", Usage) { TreatUnmatchedTokensAsErrors = false };
        create.Arguments.Add(email);
        create.SetAction((parsed, _) => CreateAsync(parsed.GetValue(email)!, [.. parsed.UnmatchedTokens]));
        var admin = new GodwitCommand("admin", "The admin console's admins: create.", Usage) { create };
        GodwitCommand.ShowUsageWithoutSubcommand(admin);
        return admin;
    }

    private static async Task<int> CreateAsync(string email, string[] configuration)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized))
        {
            Console.Error.WriteLine($"'{email}' is not an email address.");
            return ExitCodes.Usage;
        }

        using var cancellation = new Cancellation();
        await using var storage = await StorageHost.OpenAsync(configuration, cancellation.Token);
        PrefixedId.InTestEnvironment = storage.Services.GetRequiredService<IHostEnvironment>().IsDevelopment();
        await using var scope = storage.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserStore>();
        var events = scope.ServiceProvider.GetRequiredService<EventLog>();
        var user = await users.FindByEmailAsync(normalized, cancellation.Token);
        if (user is not null && AdminRole.IsAdmin(user))
        {
            Console.WriteLine($"{normalized} ({user.UserId}) is already an admin.");
            return ExitCodes.Done;
        }

        var created = user is null;
        if (user is null)
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var userId = PrefixedId.New(PrefixedId.User);
            // Unverified until the admin's first emailed code proves the address.
            user = new User
            {
                UserId = userId,
                Status = UserStatus.Active,
                CreatedAt = now,
                Emails = { new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = userId, Address = normalized, CreatedAt = now } },
            };
            events.RecordCreated(user, "admin_cli");
            users.Add(user);
        }

        user.Roles = [.. user.Roles.Append(AdminRole.Id).Order(StringComparer.Ordinal)];
        events.Record(EventTypes.AdminCreated, user.UserId, new JsonObject { ["email"] = normalized, ["user_created"] = created });
        if (await users.SaveAsync(cancellation.Token) is { } conflict)
        {
            Console.Error.WriteLine($"Not saved: {conflict.Message}");
            return ExitCodes.Failed;
        }

        Console.WriteLine($"{normalized} ({user.UserId}) is now an admin{(created ? " (a new user)" : "")}. Sign in at /admin.");
        return ExitCodes.Done;
    }
}
