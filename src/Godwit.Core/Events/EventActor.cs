namespace Godwit.Core.Events;

/// <summary>Who caused an event.</summary>
public readonly record struct EventActor(string Type, string? Id)
{
    /// <summary>A backend calling the API with the project's credentials; the id is the project id.</summary>
    public const string ApiKeyType = "api_key";

    /// <summary>A person acting for themselves, such as a browser in an OAuth flow.</summary>
    public const string UserType = "user";

    /// <summary>An administrator in the console.</summary>
    public const string AdminType = "admin";

    /// <summary>Godwit itself: background work and the command line.</summary>
    public const string SystemType = "system";

    public static EventActor System { get; } = new(SystemType, null);

    public static EventActor ApiKey(string projectId) => new(ApiKeyType, projectId);

    public static EventActor User(string? userId) => new(UserType, userId);

    public static EventActor Admin(string adminUserId) => new(AdminType, adminUserId);
}

/// <summary>
/// Where the work of one scope comes from: the server fills it from the request, and anything
/// outside a request (background services, the command line) is the system.
/// </summary>
public sealed class EventOrigin
{
    public EventActor Actor { get; set; } = EventActor.System;

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }
}
