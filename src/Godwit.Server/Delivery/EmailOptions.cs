using MimeKit;

namespace Godwit.Server.Delivery;

/// <summary>How email leaves Godwit. Bound from <c>Godwit:Email</c>.</summary>
internal sealed class EmailOptions
{
    public const string SectionName = "Godwit:Email";

    public string From { get; set; } = "Godwit <no-reply@localhost>";

    public SmtpOptions Smtp { get; set; } = new();

    internal static bool HasValidFrom(EmailOptions options) => MailboxAddress.TryParse(options.From, out _);

    internal static bool HasValidPort(EmailOptions options) => options.Smtp.Port is null or (> 0 and <= 65535);
}

/// <summary>The SMTP relay. <see cref="Host"/> unset means no relay is configured.</summary>
internal sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int? Port { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>587 (submission) when TLS is wanted, 25 otherwise, unless a port is set.</summary>
    public int ResolvedPort => Port ?? (UseTls ? 587 : 25);
}
