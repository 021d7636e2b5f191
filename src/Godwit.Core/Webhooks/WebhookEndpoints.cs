using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Security;
using Godwit.Core.Users;

namespace Godwit.Core.Webhooks;

public sealed record CreateWebhookCommand(string Url, string? Description, IReadOnlyList<string>? EventTypes);

/// <summary>Null fields are left as they are.</summary>
public sealed record UpdateWebhookCommand(string? Url, string? Description, IReadOnlyList<string>? EventTypes, bool? Enabled);

/// <summary>An endpoint and its secret in plain text, answered once: when created or rotated.</summary>
public sealed record WebhookWithSecret(WebhookEndpoint Endpoint, string Secret);

/// <summary>The webhook endpoints API's use cases. Every check runs before anything is written.</summary>
public sealed class WebhookEndpoints(IWebhookStore store, WebhookUrlPolicy urls, WebhookOptions options, ProjectKeys keys, TimeProvider clock)
{
    public const int MaxDescriptionLength = 256;
    public const int MaxDeliveriesPage = 100;

    public async Task<Result<WebhookWithSecret>> CreateAsync(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        if (urls.Problem(command.Url) is { } urlProblem)
        {
            return urlProblem;
        }

        if (Problem(command.Description, command.EventTypes) is { } problem)
        {
            return problem;
        }

        if (await store.CountEndpointsAsync(cancellationToken) >= options.MaxEndpoints)
        {
            return ErrorCatalog.TooManyWebhooks;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var id = PrefixedId.New(WebhookEndpoint.IdPrefix);
        var key = WebhookSecret.NewKey();
        var endpoint = new WebhookEndpoint
        {
            EndpointId = id,
            Url = command.Url,
            Description = command.Description ?? "",
            EventTypes = Distinct(command.EventTypes),
            SealedSecret = WebhookSecret.Seal(keys.Encryption, id, key),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.AddEndpointAsync(endpoint, cancellationToken);
        return new WebhookWithSecret(endpoint, WebhookSecret.Format(key));
    }

    public Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken) => store.ListEndpointsAsync(cancellationToken);

    public async Task<Result<WebhookEndpoint>> GetAsync(string endpointId, CancellationToken cancellationToken) =>
        await FindAsync(endpointId, cancellationToken) is { } endpoint ? endpoint : ErrorCatalog.WebhookNotFound;

    public async Task<Result<WebhookEndpoint>> UpdateAsync(string endpointId, UpdateWebhookCommand command, CancellationToken cancellationToken)
    {
        if (command.Url is { } url && urls.Problem(url) is { } urlProblem)
        {
            return urlProblem;
        }

        if (Problem(command.Description, command.EventTypes) is { } problem)
        {
            return problem;
        }

        if (await FindAsync(endpointId, cancellationToken) is not { } endpoint)
        {
            return ErrorCatalog.WebhookNotFound;
        }

        var resume = command.Enabled == true && !endpoint.Enabled;
        endpoint.Url = command.Url ?? endpoint.Url;
        endpoint.Description = command.Description ?? endpoint.Description;
        endpoint.EventTypes = command.EventTypes is null ? endpoint.EventTypes : Distinct(command.EventTypes);
        if (command.Enabled is { } enabled)
        {
            endpoint.Enabled = enabled;
            endpoint.DisabledReason = enabled ? null : "Disabled through the API.";
        }

        endpoint.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await store.UpdateEndpointAsync(endpoint, resume, cancellationToken);
        return endpoint;
    }

    public async Task<Result<string>> DeleteAsync(string endpointId, CancellationToken cancellationToken) =>
        IsId(endpointId) && await store.DeleteEndpointAsync(endpointId, cancellationToken) ? endpointId : ErrorCatalog.WebhookNotFound;

    /// <summary>A new secret; the current one keeps signing beside it for <see cref="WebhookOptions.PreviousSecretLifetime"/>.</summary>
    public async Task<Result<WebhookWithSecret>> RotateSecretAsync(string endpointId, CancellationToken cancellationToken)
    {
        if (await FindAsync(endpointId, cancellationToken) is not { } endpoint)
        {
            return ErrorCatalog.WebhookNotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var key = WebhookSecret.NewKey();
        endpoint.PreviousSealedSecret = endpoint.SealedSecret;
        endpoint.PreviousSecretExpiresAt = now + options.PreviousSecretLifetime;
        endpoint.SealedSecret = WebhookSecret.Seal(keys.Encryption, endpoint.EndpointId, key);
        endpoint.UpdatedAt = now;
        await store.UpdateEndpointAsync(endpoint, resumeDeliveries: false, cancellationToken);
        return new WebhookWithSecret(endpoint, WebhookSecret.Format(key));
    }

    public async Task<Result<DeliveryPage>> DeliveriesAsync(string endpointId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxDeliveriesPage)
        {
            return ErrorCatalog.InvalidWebhookDeliveryLimit;
        }

        if (cursor is not null && !PrefixedId.IsValid(WebhookDelivery.IdPrefix, cursor))
        {
            return ErrorCatalog.InvalidWebhookDeliveryCursor;
        }

        if (await FindAsync(endpointId, cancellationToken) is null)
        {
            return ErrorCatalog.WebhookNotFound;
        }

        return await store.ListDeliveriesAsync(endpointId, cursor, limit ?? 20, cancellationToken);
    }

    public async Task<Result<string>> RedeliverAsync(string endpointId, string deliveryId, CancellationToken cancellationToken)
    {
        if (await FindAsync(endpointId, cancellationToken) is null)
        {
            return ErrorCatalog.WebhookNotFound;
        }

        return PrefixedId.IsValid(WebhookDelivery.IdPrefix, deliveryId)
            && await store.RedeliverAsync(endpointId, deliveryId, clock.GetUtcNow().UtcDateTime, cancellationToken)
            ? deliveryId
            : ErrorCatalog.WebhookDeliveryNotFound;
    }

    private async Task<WebhookEndpoint?> FindAsync(string endpointId, CancellationToken cancellationToken) =>
        IsId(endpointId) ? await store.FindEndpointAsync(endpointId, cancellationToken) : null;

    private static bool IsId(string endpointId) => PrefixedId.IsValid(WebhookEndpoint.IdPrefix, endpointId);

    private static ApiError? Problem(string? description, IReadOnlyList<string>? eventTypes)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            return ErrorCatalog.InvalidWebhookDescription;
        }

        return eventTypes is not null && (eventTypes.Count > Events.EventTypes.All.Count || eventTypes.Any(t => !Events.EventTypes.All.Contains(t)))
            ? ErrorCatalog.InvalidWebhookEventTypes
            : null;
    }

    private static List<string> Distinct(IReadOnlyList<string>? eventTypes) => eventTypes is null ? [] : [.. eventTypes.Distinct(StringComparer.Ordinal)];
}
