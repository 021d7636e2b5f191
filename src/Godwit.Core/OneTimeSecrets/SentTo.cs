namespace Godwit.Core.OneTimeSecrets;

/// <summary>Where a link or passcode went.</summary>
public sealed record SentTo(string UserId, string MethodId, bool UserCreated);
