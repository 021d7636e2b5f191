using Microsoft.Extensions.Options;

namespace Godwit.Migration.AspNetCore.Login;

/// <summary>Refuses login options that could never work, at startup rather than at someone's first sign-in.</summary>
internal sealed class LoginOptionsValidator : IValidateOptions<GodwitLoginOptions>
{
    public ValidateOptionsResult Validate(string? name, GodwitLoginOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
