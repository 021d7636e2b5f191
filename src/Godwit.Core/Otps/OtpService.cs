using Godwit.Core.Delivery;
using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Otps;

/// <summary><paramref name="Channel"/> says how a code to a phone goes out; an email's ignores it.</summary>
public sealed record OtpLoginOrCreateCommand(AddressKind Kind, string Address, int? ExpirationMinutes, bool CreateAsPending, TextChannel Channel = TextChannel.Sms, string? Locale = null);

/// <summary><paramref name="Channel"/> says how a code to a phone goes out; an email's ignores it.</summary>
public sealed record OtpSendCommand(AddressKind Kind, string Address, int? ExpirationMinutes, UserReference Target, TextChannel Channel = TextChannel.Sms, string? Locale = null);

public sealed record OtpAuthenticateCommand(string MethodId, string Code, SessionRequest Session);

/// <summary>Sending and authenticating six-digit passcodes by email, SMS and WhatsApp.</summary>
public sealed class OtpService(
    PasswordlessRecipients recipients,
    SendLimits sendLimits,
    OneTimeSecretIssuer issuer,
    PrimaryFactorLogin login,
    LoginAttempt attempt,
    IOneTimeSecretStore secrets,
    IBudgetStore budgets,
    ProjectKeys keys,
    OtpOptions options,
    TimeProvider clock)
{
    public const int MinExpirationMinutes = 1;
    public const int MaxExpirationMinutes = 10;
    public const int DefaultExpirationMinutes = 2;

    // A phone's SMS and WhatsApp codes are one stream: one limit, one live code, one guess budget.
    private static readonly OneTimeSecretKind[] OtpKinds = [OneTimeSecretKind.Otp, OneTimeSecretKind.WhatsAppOtp];

    public async Task<Result<SentTo>> LoginOrCreateAsync(OtpLoginOrCreateCommand command, CancellationToken cancellationToken)
    {
        var address = Check(command.Kind, command.Address, command.ExpirationMinutes);
        if (!address.Succeeded)
        {
            return address.Error!;
        }

        var recipient = await recipients.LoginOrCreateAsync(command.Kind, address.Value, command.CreateAsPending, cancellationToken);
        return recipient.Succeeded
            ? await IssueAsync(command.Kind, command.Channel, command.Locale, recipient.Value, command.ExpirationMinutes ?? DefaultExpirationMinutes, cancellationToken)
            : recipient.Error!;
    }

    public async Task<Result<SentTo>> SendAsync(OtpSendCommand command, CancellationToken cancellationToken)
    {
        var address = Check(command.Kind, command.Address, command.ExpirationMinutes);
        if (!address.Succeeded)
        {
            return address.Error!;
        }

        var recipient = await recipients.ForSendAsync(command.Kind, address.Value, command.Target, cancellationToken);
        return recipient.Succeeded
            ? await IssueAsync(command.Kind, command.Channel, command.Locale, recipient.Value, command.ExpirationMinutes ?? DefaultExpirationMinutes, cancellationToken)
            : recipient.Error!;
    }

    public async Task<Result<PrimaryFactorAuthenticated>> AuthenticateAsync(OtpAuthenticateCommand command, CancellationToken cancellationToken)
    {
        // Request shape first: a malformed request costs the user no attempt.
        if (SessionService.Validate(command.Session) is { } invalidSession)
        {
            return invalidSession;
        }

        if (!PrefixedId.IsValid(PrefixedId.Email, command.MethodId) && !PrefixedId.IsValid(PrefixedId.Phone, command.MethodId))
        {
            return ErrorCatalog.InvalidMethodId;
        }

        if (command.Code is not { Length: 6 } || !command.Code.All(char.IsAsciiDigit))
        {
            return ErrorCatalog.InvalidCode;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await secrets.FindLiveOtpAsync(command.MethodId, now, cancellationToken) is not { } secret)
        {
            return ErrorCatalog.UnableToAuthOtpCode;
        }

        attempt.UserId = secret.UserId;
        // Every guess at this address's codes is taken from one budget before it is compared, so a
        // guesser who asks for new codes gets no new tries; the right code gives its guess back.
        var budgetKey = "otp-guesses:" + command.MethodId;
        var budget = await budgets.TryTakeAsync(budgetKey, options.MaxFailuresPerAddress, options.FailureWindow, now, cancellationToken);
        if (!budget.Granted)
        {
            return ErrorCatalog.TooManyOtpGuesses.WithRetryAfter(budget.RetryAfter);
        }

        // The attempt is counted before the code is compared, by a conditional update, so parallel
        // guesses cannot exceed the limit between a read and a write.
        if (!await secrets.TryCountAttemptAsync(secret.Id, options.MaxAttempts, now, cancellationToken))
        {
            await budgets.GiveBackAsync(budgetKey, cancellationToken);
            return ErrorCatalog.UnableToAuthOtpCode;
        }

        if (!SecretTokens.FixedTimeEquals(SecretTokens.HashCode(keys.OneTimeCodeKey, command.Code), secret.SecretHash))
        {
            return ErrorCatalog.OtpCodeNotFound;
        }

        await budgets.GiveBackAsync(budgetKey, cancellationToken);
        if (await login.FindAddressAsync(secret, cancellationToken) is not { } address)
        {
            return ErrorCatalog.UnableToAuthOtpCode;
        }

        return await login.CompleteAsync(secret, address, "otp", command.Session, ErrorCatalog.UnableToAuthOtpCode, cancellationToken);
    }

    private static Result<string> Check(AddressKind kind, string address, int? expirationMinutes)
    {
        var normalized = PasswordlessRecipients.Normalize(kind, address);
        if (!normalized.Succeeded)
        {
            return normalized;
        }

        return expirationMinutes is < MinExpirationMinutes or > MaxExpirationMinutes
            ? ErrorCatalog.InvalidOtpExpirationMinutes
            : normalized;
    }

    private async Task<Result<SentTo>> IssueAsync(AddressKind kind, TextChannel channel, string? locale, Recipient recipient, int minutes, CancellationToken cancellationToken)
    {
        if (await sendLimits.CheckAsync(recipient, OtpKinds, options.MaxSendsPerMinute, "passcodes", cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        // One live code per address: a new code ends the old one, whichever channel carried it, so
        // a code the user no longer expects cannot be guessed alongside the new one.
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var otpKind in OtpKinds)
        {
            await secrets.ConsumeAllAsync(recipient.MethodId, otpKind, now, cancellationToken);
        }

        var code = SecretTokens.NewCode();
        var secretKind = kind == AddressKind.Phone && channel == TextChannel.WhatsApp ? OneTimeSecretKind.WhatsAppOtp : OneTimeSecretKind.Otp;
        var secret = issuer.Create(secretKind, recipient, SecretTokens.HashCode(keys.OneTimeCodeKey, code), minutes);
        var message = kind == AddressKind.Email ? MessageKind.EmailOtp
            : secretKind == OneTimeSecretKind.WhatsAppOtp ? MessageKind.WhatsAppOtp
            : MessageKind.SmsOtp;
        var failed = await issuer.StoreAndSendAsync(secret, new OutgoingMessage(message, recipient.Address, locale, minutes, Code: code), cancellationToken);
        return failed is null ? new SentTo(recipient.User.UserId, recipient.MethodId, recipient.UserCreated) : failed;
    }
}
