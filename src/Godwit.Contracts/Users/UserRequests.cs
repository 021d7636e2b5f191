using System.Text.Json.Nodes;

namespace Godwit.Contracts.Users;

/// <summary>Create User's body. Fields left null are not sent.</summary>
public sealed record CreateUserRequest
{
    public string? Email { get; init; }

    public string? PhoneNumber { get; init; }

    public NameWire? Name { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }

    public string? ExternalId { get; init; }

    public bool? CreateUserAsPending { get; init; }

    /// <summary>Role ids of the RBAC policy to assign; every user also holds <c>stytch_user</c>.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
}

/// <summary>Update User's body (the user is named in the path). Fields left null are not changed.</summary>
public sealed record UpdateUserRequest
{
    public NameWire? Name { get; init; }

    /// <summary>Merged at the top level; a key set to JSON null is deleted.</summary>
    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>At most 10 addresses to add.</summary>
    public IReadOnlyList<EmailEntryWire>? Emails { get; init; }

    /// <summary>At most 10 numbers to add.</summary>
    public IReadOnlyList<PhoneNumberEntryWire>? PhoneNumbers { get; init; }

    /// <summary>Replaces the user's explicitly assigned roles; an empty array removes them all.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
}

/// <summary>Search Users' body: an AND/OR query of filters, a page size and a cursor.</summary>
public sealed record SearchUsersRequest
{
    public string? Cursor { get; init; }

    public int? Limit { get; init; }

    public SearchQueryWire? Query { get; init; }
}

/// <summary><c>operator</c> is <c>AND</c> or <c>OR</c>.</summary>
public sealed record SearchQueryWire(string Operator, IReadOnlyList<SearchOperandWire> Operands);

/// <summary>
/// One filter, such as <c>email_address</c> with an array of addresses, <c>email_verified</c> with a
/// boolean or <c>created_at_between</c> with an object; the value's shape depends on the filter.
/// </summary>
public sealed record SearchOperandWire(string FilterName, JsonNode FilterValue);

/// <summary>An address Update User adds to the user: <c>{"email": ...}</c>.</summary>
public sealed record EmailEntryWire
{
    public required string Email { get; init; }
}

/// <summary>A number Update User adds to the user: <c>{"phone_number": ...}</c>.</summary>
public sealed record PhoneNumberEntryWire
{
    public required string PhoneNumber { get; init; }
}

/// <summary>Exchange primary factor's body: exactly one of the two, the address the user's one factor becomes.</summary>
public sealed record ExchangePrimaryFactorRequest
{
    public string? EmailAddress { get; init; }

    public string? PhoneNumber { get; init; }
}
