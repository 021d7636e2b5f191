using System.Globalization;
using System.Net;
using Godwit.Core.Delivery;

namespace Godwit.Core.Otps;

/// <summary>The passcode email and text message (the same text by SMS and WhatsApp).</summary>
public static class OtpMessages
{
    public static EmailMessage Email(string to, string code, int expirationMinutes)
    {
        var text = Text(code, expirationMinutes);
        const string Ignore = "If you did not ask for this code, you can ignore this email.";
        return new EmailMessage(
            to,
            "Your Godwit code",
            $"{text}\n\n{Ignore}\n",
            $"<p>{WebUtility.HtmlEncode(text)}</p>\n<p>{Ignore}</p>\n");
    }

    public static SmsMessage TextMessage(string to, string code, int expirationMinutes, TextChannel channel) => new(to, Text(code, expirationMinutes), channel);

    private static string Text(string code, int minutes) =>
        $"Your Godwit code is {code}. It expires in {minutes.ToString(CultureInfo.InvariantCulture)} minute{(minutes == 1 ? "" : "s")}.";
}
