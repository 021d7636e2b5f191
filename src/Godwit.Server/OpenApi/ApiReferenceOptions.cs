using Godwit.Server.Hosting;

namespace Godwit.Server.OpenApi;

/// <summary><c>Godwit:OpenApi</c>: whether the OpenAPI document and the API reference are served.</summary>
internal sealed record ApiReferenceOptions(bool Enabled)
{
    public const string EnabledSetting = "Godwit:OpenApi:Enabled";

    /// <summary>On unless switched off; a value that is not a boolean refuses to start.</summary>
    public static ApiReferenceOptions From(IConfiguration configuration) => configuration[EnabledSetting] switch
    {
        null or "" => new(true),
        var text when bool.TryParse(text, out var enabled) => new(enabled),
        var text => throw new ConfigurationProblemException($"{EnabledSetting} must be true or false, not '{text}'."),
    };
}
