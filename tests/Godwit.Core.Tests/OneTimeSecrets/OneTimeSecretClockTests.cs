using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Delivery;
using Godwit.Core.Security;
using Godwit.Core.Tests.Support;
using Godwit.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Core.Tests.OneTimeSecrets;

/// <summary>How long OneTimeSecretIssuer's secrets live, and SendLimits' per-minute and hourly windows.</summary>
public sealed class OneTimeSecretClockTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly OneTimeSecretKind[] OtpKind = [OneTimeSecretKind.Otp];

    [Fact]
    public async Task An_issued_secret_is_live_until_one_second_before_its_minutes_run_out()
    {
        var recipient = await RecipientAsync();
        await IssueAsync(recipient, minutes: 3);

        core.Clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await LiveOtpAsync(recipient));

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await LiveOtpAsync(recipient));
    }

    [Fact]
    public async Task A_secret_whose_message_cannot_be_delivered_is_revoked_at_once()
    {
        var recipient = await RecipientAsync();
        core.Outbox.FailDeliveriesTo(recipient.Address);

        Assert.Same(ErrorCatalog.EmailDeliveryFailed, await IssueAsync(recipient, minutes: 10));

        Assert.Null(await LiveOtpAsync(recipient));
    }

    [Fact]
    public async Task The_per_minute_limit_counts_a_secret_until_a_minute_and_one_second_after_it_was_made()
    {
        var recipient = await RecipientAsync();
        await IssueAsync(recipient, minutes: 10);

        core.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ErrorCatalog.TooManyRequests.ErrorType, (await CheckAsync(recipient, maxPerMinute: 1))?.ErrorType);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await CheckAsync(recipient, maxPerMinute: 1));
    }

    [Fact]
    public async Task An_address_gets_its_hourly_sends_back_when_the_hour_from_its_first_send_ends()
    {
        var limits = core.Services.GetRequiredService<SendLimitOptions>();
        var recipient = await RecipientAsync();
        for (var i = 0; i < limits.PerAddressPerHour; i++)
        {
            Assert.Null(await CheckAsync(recipient));
        }

        var refused = await CheckAsync(recipient);
        Assert.Equal(ErrorCatalog.TooManyRequests.ErrorType, refused?.ErrorType);
        Assert.Equal(SendLimitOptions.Window, refused?.RetryAfter);

        core.Clock.Advance(SendLimitOptions.Window - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), (await CheckAsync(recipient))?.RetryAfter);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await CheckAsync(recipient));
    }

    [Fact]
    public async Task Texts_to_one_phone_prefix_are_limited_per_hour_across_numbers()
    {
        var limits = core.Services.GetRequiredService<SendLimitOptions>();
        var prefix = Addresses.PhonePrefix();
        var user = await core.CreateAsync();
        Recipient Number(int i) => new(user, PrefixedId.New(PrefixedId.Phone), prefix + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), UserCreated: false);
        for (var i = 0; i < limits.PerPhonePrefixPerHour; i++)
        {
            Assert.Null(await CheckAsync(Number(i)));
        }

        var refused = await CheckAsync(Number(limits.PerPhonePrefixPerHour));
        Assert.Equal(ErrorCatalog.TooManyRequests.ErrorType, refused?.ErrorType);
        Assert.Equal(SendLimitOptions.Window, refused?.RetryAfter);
        // Another prefix is counted apart.
        Assert.Null(await CheckAsync(new Recipient(user, PrefixedId.New(PrefixedId.Phone), Addresses.Phone(), UserCreated: false)));
        // Email addresses have no prefix budget.
        Assert.Null(await CheckAsync(new Recipient(user, PrefixedId.New(PrefixedId.Email), prefix + "@example.com", UserCreated: false)));

        core.Clock.Advance(SendLimitOptions.Window - TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), (await CheckAsync(Number(limits.PerPhonePrefixPerHour + 1)))?.RetryAfter);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await CheckAsync(Number(limits.PerPhonePrefixPerHour + 2)));
    }

    [Fact]
    public void Pkce_accepts_only_the_verifier_of_the_challenge_and_insists_on_one_when_there_is_a_challenge()
    {
        var verifier = SecretTokens.NewToken();
        var challenge = SecretTokens.Base64Url(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(verifier)));

        Assert.True(Pkce.IsValidChallenge(challenge));
        Assert.Null(Pkce.Check(challenge, verifier));
        Assert.Same(ErrorCatalog.PkceMismatch, Pkce.Check(challenge, SecretTokens.NewToken()));
        Assert.Same(ErrorCatalog.MissingCodeVerifier, Pkce.Check(challenge, null));
        Assert.Same(ErrorCatalog.PkceDidNotExpectCodeVerifier, Pkce.Check(null, verifier));
        Assert.Null(Pkce.Check(null, null));
    }

    private async Task<Recipient> RecipientAsync()
    {
        var user = await core.CreateAsync();
        return new Recipient(user, user.Emails[0].EmailId, user.Emails[0].Address, UserCreated: false);
    }

    private Task<ApiError?> IssueAsync(Recipient recipient, int minutes) =>
        core.CallAsync<OneTimeSecretIssuer, ApiError?>(issuer =>
        {
            var secret = issuer.Create(OneTimeSecretKind.Otp, recipient, SecretTokens.HashCode(core.Services.GetRequiredService<ProjectKeys>().OneTimeCodeKey, "123456"), minutes);
            return issuer.StoreAndSendAsync(secret, new OutgoingMessage(MessageKind.EmailOtp, recipient.Address, null, minutes, Code: "123456"), None);
        });

    private Task<OneTimeSecret?> LiveOtpAsync(Recipient recipient) =>
        core.CallAsync<IOneTimeSecretStore, OneTimeSecret?>(store => store.FindLiveOtpAsync(recipient.MethodId, core.Now, None));

    private Task<ApiError?> CheckAsync(Recipient recipient, int maxPerMinute = 1000) =>
        core.CallAsync<SendLimits, ApiError?>(limits => limits.CheckAsync(recipient, OtpKind, maxPerMinute, "passcodes", None));
}
