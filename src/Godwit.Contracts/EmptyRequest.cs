namespace Godwit.Contracts;

/// <summary>The body of a call that takes no fields: <c>{}</c> or nothing at all.</summary>
public sealed record EmptyRequest;
