using System.Text.Json;

namespace Godwit.Server.Tests.BadInput;

/// <summary>What the server answered to one hostile request, as the sweep judges it.</summary>
internal sealed record SweepAnswer(SweptRoute Route, string Case, int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string? ErrorType => Property("error_type");

    public string? ErrorMessage => Property("error_message");

    /// <summary>Why this answer breaks the rules (a 5xx, or a 4xx not in Stytch's error shape), or null when it keeps them.</summary>
    public string? Problem()
    {
        if (Status >= 500)
        {
            return $"answered {Status}";
        }

        if (Status < 400)
        {
            return null;
        }

        using var error = Parse();
        if (error?.RootElement.ValueKind != JsonValueKind.Object)
        {
            return $"answered {Status} with a body that is not a JSON object";
        }

        var json = error.RootElement;
        var stytchShaped =
            json.TryGetProperty("status_code", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() == Status
            && Text(json, "request_id")?.StartsWith("request-id-live-", StringComparison.Ordinal) == true
            && !string.IsNullOrEmpty(Text(json, "error_type"))
            && !string.IsNullOrEmpty(Text(json, "error_message"))
            && Text(json, "error_url")?.EndsWith($"{Godwit.Server.Http.ErrorReference.PagePath}#{Text(json, "error_type")}", StringComparison.Ordinal) == true;
        return stytchShaped ? null : $"answered {Status} outside Stytch's error shape";
    }

    public override string ToString() => $"{Route} [{Case}] → {Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";

    private string? Property(string name)
    {
        using var document = Parse();
        return document?.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, name) : null;
    }

    private JsonDocument? Parse()
    {
        try
        {
            return JsonDocument.Parse(Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
