using System.Text.Json.Nodes;
using Godwit.Core.Events;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Godwit.Server.Admin.Operations;

/// <summary>Webhooks and their deliveries, the keys in use, and the settings in force.</summary>
internal sealed class OperationsModel(WebhookEndpoints webhooks, SigningKeyRing signingKeys, ProjectKeys projectKeys, IConfiguration configuration, EventLog events) : PageModel
{
    private const int DeliveriesShown = 10;

    public IReadOnlyList<(WebhookEndpoint Endpoint, IReadOnlyList<DeliveryWithAttempts> Deliveries)> Webhooks { get; private set; } = [];

    public string? SigningKeyId => signingKeys.IsLoaded ? signingKeys.SigningKey.Kid : null;

    public IEnumerable<string> PublishedKeys => signingKeys.IsLoaded ? signingKeys.PublishedKeys.Select(k => k.Kid) : [];

    public string EncryptionKeyId => projectKeys.Encryption.NewestId;

    public IReadOnlyList<(string Key, string Value)> Settings => SettingsInForce.Read(configuration);

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done == "redelivered" ? "The delivery is queued again." : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRedeliverAsync(string? endpointId, string? deliveryId, CancellationToken cancellationToken)
    {
        var redelivered = await webhooks.RedeliverAsync(endpointId ?? "", deliveryId ?? "", cancellationToken);
        if (!redelivered.Succeeded)
        {
            Problem = $"Refused: {redelivered.Error!.Message} ({redelivered.Error.ErrorType})";
            await LoadAsync(cancellationToken);
            return Page();
        }

        events.Record(EventTypes.AdminAction, null, new JsonObject { ["action"] = "redeliver_webhook", ["endpoint_id"] = endpointId, ["delivery_id"] = deliveryId });
        return Redirect(AdminConsole.PathPrefix + "/operations?done=redelivered");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var list = new List<(WebhookEndpoint, IReadOnlyList<DeliveryWithAttempts>)>();
        foreach (var endpoint in await webhooks.ListAsync(cancellationToken))
        {
            var page = await webhooks.DeliveriesAsync(endpoint.EndpointId, null, DeliveriesShown, cancellationToken);
            list.Add((endpoint, page.Succeeded ? page.Value.Deliveries : []));
        }

        Webhooks = list;
    }
}
