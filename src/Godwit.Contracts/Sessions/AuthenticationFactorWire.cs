using System.Text.Json.Serialization;

namespace Godwit.Contracts.Sessions;

/// <summary>
/// Authentication factors in Stytch's wire shape. One shape serves the JWT claim, the API
/// responses and the stored session, so all three always agree.
/// </summary>
public sealed record FactorWire(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("delivery_method")] string DeliveryMethod,
    [property: JsonPropertyName("last_authenticated_at")] string LastAuthenticatedAt,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt,
    [property: JsonPropertyName("email_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EmailFactorWire? EmailFactor,
    [property: JsonPropertyName("phone_number_factor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PhoneFactorWire? PhoneNumberFactor);

public sealed record EmailFactorWire(
    [property: JsonPropertyName("email_id")] string EmailId,
    [property: JsonPropertyName("email_address")] string EmailAddress);

public sealed record PhoneFactorWire(
    [property: JsonPropertyName("phone_id")] string PhoneId,
    [property: JsonPropertyName("phone_number")] string PhoneNumber);
