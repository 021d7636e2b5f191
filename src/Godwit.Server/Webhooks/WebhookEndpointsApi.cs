using Godwit.Contracts;
using Godwit.Server.OpenApi;
using System.Globalization;
using Godwit.Contracts.Webhooks;
using Godwit.Core.Errors;
using Godwit.Core.Webhooks;
using Godwit.Server.Http;

namespace Godwit.Server.Webhooks;

/// <summary><c>/v1/webhooks</c>: Godwit's own API for the endpoints the event log is delivered to.</summary>
internal static class WebhookEndpointsApi
{
    // The fields mean here what the webhooks API says, whatever they mean elsewhere.
    private static readonly Dictionary<string, ApiError> Errors = new(StringComparer.Ordinal)
    {
        ["url"] = ErrorCatalog.InvalidWebhookUrl,
        ["description"] = ErrorCatalog.InvalidWebhookDescription,
        ["event_types"] = ErrorCatalog.InvalidWebhookEventTypes,
        ["enabled"] = ErrorCatalog.InvalidWebhookEnabled,
    };

    public static void MapWebhookApi(this RouteGroupBuilder v1)
    {
        var webhooks = v1.MapGroup("/webhooks");
        webhooks.MapPost("", CreateAsync).AcceptsAndReturns<CreateWebhookRequest, WebhookResponse>();
        webhooks.MapGet("", ListAsync).Returns<WebhooksResponse>();
        webhooks.MapGet("/{webhookId}", GetAsync).Returns<WebhookResponse>();
        webhooks.MapPut("/{webhookId}", UpdateAsync).AcceptsAndReturns<UpdateWebhookRequest, WebhookResponse>();
        webhooks.MapDelete("/{webhookId}", DeleteAsync).Returns<DeleteWebhookResponse>();
        webhooks.MapPost("/{webhookId}/rotate_secret", RotateSecretAsync).AcceptsAndReturns<EmptyRequest, WebhookResponse>();
        webhooks.MapGet("/{webhookId}/deliveries", DeliveriesAsync).Returns<WebhookDeliveriesResponse>()
            .WithQuery("limit", "Deliveries per page, 1 to 100.").WithQuery("cursor", "The next_cursor of the previous page.");
        webhooks.MapPost("/{webhookId}/deliveries/{deliveryId}/redeliver", RedeliverAsync).AcceptsAndReturns<EmptyRequest, RedeliverWebhookResponse>();
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, WebhookEndpoints webhooks, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<CreateWebhookRequest>(request, cancellationToken, Errors);
        var created = await webhooks.CreateAsync(new CreateWebhookCommand(body.Url, body.Description, body.EventTypes), cancellationToken);
        return ApiResults.From(created, c => new WebhookResponse(ToWire(c.Endpoint, c.Secret)));
    }

    private static async Task<IResult> ListAsync(HttpRequest request, WebhookEndpoints webhooks, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        var endpoints = await webhooks.ListAsync(cancellationToken);
        return ApiResults.Ok(new WebhooksResponse(endpoints.Select(e => ToWire(e)).ToList()));
    }

    private static async Task<IResult> GetAsync(string webhookId, HttpRequest request, WebhookEndpoints webhooks, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await webhooks.GetAsync(webhookId, cancellationToken), e => new WebhookResponse(ToWire(e)));
    }

    private static async Task<IResult> UpdateAsync(string webhookId, HttpRequest request, WebhookEndpoints webhooks, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<UpdateWebhookRequest>(request, cancellationToken, Errors);
        var command = new UpdateWebhookCommand(body.Url, body.Description, body.EventTypes, body.Enabled);
        return ApiResults.From(await webhooks.UpdateAsync(webhookId, command, cancellationToken), e => new WebhookResponse(ToWire(e)));
    }

    private static async Task<IResult> DeleteAsync(string webhookId, HttpRequest request, WebhookEndpoints webhooks, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await webhooks.DeleteAsync(webhookId, cancellationToken), id => new DeleteWebhookResponse(id));
    }

    private static async Task<IResult> RotateSecretAsync(string webhookId, HttpRequest request, WebhookEndpoints webhooks, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await webhooks.RotateSecretAsync(webhookId, cancellationToken), r => new WebhookResponse(ToWire(r.Endpoint, r.Secret)));
    }

    private static async Task<IResult> DeliveriesAsync(string webhookId, HttpRequest request, WebhookEndpoints webhooks, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        int? limit = null;
        if (request.Query.TryGetValue("limit", out var limitText))
        {
            if (limitText.Count != 1 || !int.TryParse(limitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiResults.Error(ErrorCatalog.InvalidWebhookDeliveryLimit);
            }

            limit = parsed;
        }

        var cursor = request.Query.TryGetValue("cursor", out var cursorText) ? cursorText.ToString() : null;
        if (cursorText.Count > 1)
        {
            return ApiResults.Error(ErrorCatalog.InvalidWebhookDeliveryCursor);
        }

        var page = await webhooks.DeliveriesAsync(webhookId, cursor, limit, cancellationToken);
        return ApiResults.From(page, p => new WebhookDeliveriesResponse(p.Deliveries.Select(ToWire).ToList(), p.NextDeliveryId));
    }

    private static async Task<IResult> RedeliverAsync(string webhookId, string deliveryId, HttpRequest request, WebhookEndpoints webhooks, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await webhooks.RedeliverAsync(webhookId, deliveryId, cancellationToken), id => new RedeliverWebhookResponse(id));
    }

    private static WebhookWire ToWire(WebhookEndpoint endpoint, string? secret = null) =>
        new(endpoint.EndpointId, endpoint.Url, endpoint.Description, endpoint.EventTypes, endpoint.Enabled, endpoint.DisabledReason, endpoint.CreatedAt, endpoint.UpdatedAt, secret);

    private static WebhookDeliveryWire ToWire(DeliveryWithAttempts entry)
    {
        var d = entry.Delivery;
        var pending = d.Status == WebhookDeliveryStatus.Pending;
        return new WebhookDeliveryWire(
            d.DeliveryId, d.EventId, entry.EventType, d.UserId, d.OccurredAt, d.Status, d.Attempts,
            pending ? d.NextAttemptAt : null, d.CompletedAt,
            entry.Attempts.Select(a => new WebhookAttemptWire(a.AttemptedAt, a.StatusCode, a.LatencyMs, a.Error, a.ResponseExcerpt)).ToList());
    }
}
