using System.Text.Json;
using Godwit.Core.Users;

namespace Godwit.Core.Legacy;

/// <summary>
/// Reads the user lookup hook's answer: the password hook's strict contract (see
/// <see cref="LegacyHookAnswer"/>), and a match may name no address but the one asked about. The
/// answer never supplies the address: Godwit creates the person under the address it asked about,
/// so an answer naming another one is a legacy system (or whoever answers for it) trying to attach
/// an address nobody proved here, perhaps another user's, and the whole answer is a failure.
/// </summary>
public static class LegacyLookupAnswer
{
    public static string FieldOf(AddressKind kind) => kind == AddressKind.Email ? "email" : "phone_number";

    public static LegacyVerdict Read(int statusCode, ReadOnlySpan<byte> body, AddressKind kind, string normalizedAddress)
    {
        var verdict = LegacyHookAnswer.Read(statusCode, body, requireEmail: false);
        if (verdict.Kind != LegacyVerdictKind.Match)
        {
            return verdict;
        }

        // The body parsed as a JSON object a moment ago, and is at most 64 KiB.
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        var asked = FieldOf(kind);
        var other = FieldOf(kind == AddressKind.Email ? AddressKind.Phone : AddressKind.Email);
        if (root.TryGetProperty(other, out var named) && named.ValueKind != JsonValueKind.Null)
        {
            return LegacyVerdict.Failure($"matched naming a \"{other}\", but was asked by {asked} and may name no other address");
        }

        if (root.TryGetProperty(asked, out var echoed) && echoed.ValueKind != JsonValueKind.Null
            && (echoed.ValueKind != JsonValueKind.String || Normalize(kind, echoed.GetString()) != normalizedAddress))
        {
            return LegacyVerdict.Failure($"matched naming another \"{asked}\" than the one asked about");
        }

        return verdict;
    }

    private static string? Normalize(AddressKind kind, string? given) => kind == AddressKind.Email
        ? EmailAddress.TryNormalize(given, out var email) ? email : null
        : PhoneNumber.TryNormalize(given, out var phone) ? phone : null;
}
