namespace Godwit.Import.Reading;

internal static class FormatErrors
{
    /// <summary>The message without its "Line N: " prefix, to be given again with more context.</summary>
    public static string Reason(this ImportFormatException exception)
    {
        var prefix = $"Line {exception.Line}: ";
        return exception.Message.StartsWith(prefix, StringComparison.Ordinal) ? exception.Message[prefix.Length..] : exception.Message;
    }
}
