namespace Godwit.Contracts.Errors;

/// <summary>Stytch's error body.</summary>
public sealed record ErrorResponse(string ErrorType, string ErrorMessage, string ErrorUrl) : ApiResponse;
