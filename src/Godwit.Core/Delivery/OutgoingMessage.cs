namespace Godwit.Core.Delivery;

/// <summary>
/// Every message Godwit sends. The name is the key of its templates under
/// <c>Godwit:Messages:Templates</c>, so renaming one breaks operators' settings.
/// </summary>
public enum MessageKind
{
    MagicLinkLogin,
    MagicLinkSignup,
    MagicLinkInvite,
    PasswordReset,
    EmailOtp,
    SmsOtp,
    WhatsAppOtp,
}

/// <summary>
/// What a flow wants sent, before it is written in a language: <see cref="Link"/> for the link
/// kinds, <see cref="Code"/> for the passcodes. <see cref="Locale"/> is the request's Stytch
/// <c>locale</c>, unchecked: an unknown one falls back to English.
/// </summary>
public sealed record OutgoingMessage(MessageKind Kind, string To, string? Locale, int ExpirationMinutes, string? Link = null, string? Code = null)
{
    public bool IsEmail => !IsText(Kind);

    public static bool IsText(MessageKind kind) => kind is MessageKind.SmsOtp or MessageKind.WhatsAppOtp;
}
