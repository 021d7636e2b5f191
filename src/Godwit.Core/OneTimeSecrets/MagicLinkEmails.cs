using System.Globalization;
using System.Net;
using Godwit.Core.Delivery;

namespace Godwit.Core.OneTimeSecrets;

/// <summary>Which of the three magic link emails to write.</summary>
public enum MagicLinkPurpose
{
    Login,
    Signup,
    Invite,
    PasswordReset,
}

/// <summary>The magic link email, in plain text and HTML with the same content.</summary>
public static class MagicLinkEmails
{
    public static EmailMessage Compose(string to, MagicLinkPurpose purpose, string link, int expirationMinutes)
    {
        var (subject, action) = purpose switch
        {
            MagicLinkPurpose.Signup => ("Finish signing up", "Finish signing up"),
            MagicLinkPurpose.Invite => ("You have been invited", "Accept the invitation"),
            MagicLinkPurpose.PasswordReset => ("Reset your password", "Choose a new password"),
            _ => ("Your login link", "Log in"),
        };
        var expires = $"The link expires in {Describe(expirationMinutes)} and works once.";
        const string Ignore = "If you did not ask for this email, you can ignore it.";
        var text = $"{action} by opening this link:\n\n{link}\n\n{expires}\n{Ignore}\n";
        // The link is the application's URL, which may hold characters that mean something in HTML.
        var href = WebUtility.HtmlEncode(link);
        var html = $"<p><a href=\"{href}\">{action}</a></p>\n<p>Or paste this link into your browser:<br>{href}</p>\n<p>{expires}<br>{Ignore}</p>\n";
        return new EmailMessage(to, subject, text, html);
    }

    private static string Describe(int minutes) => minutes switch
    {
        _ when minutes % 1440 == 0 => Plural(minutes / 1440, "day"),
        _ when minutes % 60 == 0 => Plural(minutes / 60, "hour"),
        _ => Plural(minutes, "minute"),
    };

    private static string Plural(int count, string unit) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? "" : "s");
}
