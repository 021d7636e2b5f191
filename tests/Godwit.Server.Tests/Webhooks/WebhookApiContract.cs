using System.Net;
using System.Text.Json;
using Godwit.Testing.Http;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Webhooks;

/// <summary><c>/v1/webhooks</c>: the endpoints' lifecycle, malformed requests and refused URLs, on every database.</summary>
public abstract class WebhookApiContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task An_endpoint_is_created_read_changed_and_deleted_and_its_secret_is_shown_only_when_made()
    {
        var created = await Client.PostAsync("/v1/webhooks", new { url = "https://hooks.example.com/godwit", description = "CRM", event_types = new[] { "user.created" } });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var webhook = created.Body.GetProperty("webhook");
        var id = webhook.GetProperty("webhook_id").GetString()!;
        Assert.StartsWith("webhook-endpoint-live-", id, StringComparison.Ordinal);
        Assert.StartsWith("whsec_", webhook.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal(24, Convert.FromBase64String(webhook.GetProperty("secret").GetString()!["whsec_".Length..]).Length);
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        Assert.False(string.IsNullOrEmpty(created.Text("request_id")));

        var read = await Client.GetJsonAsync($"/v1/webhooks/{id}");
        Assert.Equal("https://hooks.example.com/godwit", read.Body.GetProperty("webhook").GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, read.Body.GetProperty("webhook").GetProperty("secret").ValueKind);
        var listed = await Client.GetJsonAsync("/v1/webhooks");
        Assert.Contains(listed.Body.GetProperty("webhooks").EnumerateArray(), w => w.GetProperty("webhook_id").GetString() == id);
        Assert.All(listed.Body.GetProperty("webhooks").EnumerateArray(), w => Assert.Equal(JsonValueKind.Null, w.GetProperty("secret").ValueKind));

        var changed = await Client.PutAsync($"/v1/webhooks/{id}", new { description = "CRM sync", event_types = Array.Empty<string>(), enabled = false });
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("CRM sync", changed.Body.GetProperty("webhook").GetProperty("description").GetString());
        Assert.Empty(changed.Body.GetProperty("webhook").GetProperty("event_types").EnumerateArray());
        Assert.False(changed.Body.GetProperty("webhook").GetProperty("enabled").GetBoolean());
        Assert.Equal("https://hooks.example.com/godwit", changed.Body.GetProperty("webhook").GetProperty("url").GetString());

        var rotated = await Client.PostAsync($"/v1/webhooks/{id}/rotate_secret", new { });
        Assert.NotEqual(webhook.GetProperty("secret").GetString(), rotated.Body.GetProperty("webhook").GetProperty("secret").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteJsonAsync($"/v1/webhooks/{id}")).Status);
        Assert.Equal("webhook_not_found", (await Client.GetJsonAsync($"/v1/webhooks/{id}")).ErrorType);
        Assert.Equal("webhook_not_found", (await Client.DeleteJsonAsync($"/v1/webhooks/{id}")).ErrorType);
    }

    public static TheoryData<string, string> RefusedUrls => new()
    {
        { "http://169.254.169.254/latest/meta-data/", "insecure_webhook_url" },
        { "https://169.254.169.254/latest/meta-data/", "webhook_url_not_allowed" },
        { "https://[fe80::1]/hooks", "webhook_url_not_allowed" },
        { "https://[::ffff:169.254.169.254]/hooks", "webhook_url_not_allowed" },
        { "https://metadata.google.internal/computeMetadata/v1/", "webhook_url_not_allowed" },
        { "https://10.0.0.5/hooks", "webhook_url_not_allowed" },
        { "https://172.16.3.4/hooks", "webhook_url_not_allowed" },
        { "https://192.168.1.1/hooks", "webhook_url_not_allowed" },
        { "https://100.64.0.1/hooks", "webhook_url_not_allowed" },
        { "https://[fd00::1]/hooks", "webhook_url_not_allowed" },
        { "https://0.0.0.0/hooks", "webhook_url_not_allowed" },
        { "http://hooks.example.com/plain", "insecure_webhook_url" },
        { "ftp://hooks.example.com/", "invalid_webhook_url" },
        { "file:///etc/passwd", "invalid_webhook_url" },
        { "https://user:password@hooks.example.com/", "invalid_webhook_url" },
        { "hooks.example.com/relative", "invalid_webhook_url" },
        { "", "invalid_webhook_url" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_url_that_could_reach_the_operators_network_or_travel_in_clear_is_refused_on_create_and_update(string url, string errorType)
    {
        var before = await EndpointCountAsync();
        var created = await Client.PostAsync("/v1/webhooks", new { url });
        Assert.Equal((HttpStatusCode.BadRequest, errorType), (created.Status, created.ErrorType));

        var id = (await Client.PostAsync("/v1/webhooks", new { url = "https://hooks.example.com/ok" })).Body.GetProperty("webhook").GetProperty("webhook_id").GetString();
        var updated = await Client.PutAsync($"/v1/webhooks/{id}", new { url });
        Assert.Equal((HttpStatusCode.BadRequest, errorType), (updated.Status, updated.ErrorType));
        Assert.Equal("https://hooks.example.com/ok", (await Client.GetJsonAsync($"/v1/webhooks/{id}")).Body.GetProperty("webhook").GetProperty("url").GetString());
        await Client.DeleteJsonAsync($"/v1/webhooks/{id}");
        Assert.Equal(before, await EndpointCountAsync());
    }

    public static TheoryData<string, string, string?, int, string> Malformed => new()
    {
        { "POST", "/v1/webhooks", "{", 400, "bad_request" },
        { "POST", "/v1/webhooks", "[]", 400, "bad_request" },
        { "POST", "/v1/webhooks", "{}", 400, "invalid_webhook_url" },
        { "POST", "/v1/webhooks", """{"url":42}""", 400, "invalid_webhook_url" },
        { "POST", "/v1/webhooks", """{"url":"https://hooks.example.com/","event_types":["user.created","user.exploded"]}""", 400, "invalid_event_type" },
        { "POST", "/v1/webhooks", """{"url":"https://hooks.example.com/","event_types":"user.created"}""", 400, "invalid_event_type" },
        { "POST", "/v1/webhooks", """{"url":"https://hooks.example.com/","event_types":[7]}""", 400, "invalid_event_type" },
        { "POST", "/v1/webhooks", """{"url":"https://hooks.example.com/","description":{}}""", 400, "invalid_webhook_description" },
        { "POST", "/v1/webhooks", $$"""{"url":"https://hooks.example.com/","description":"{{new string('d', 257)}}"}""", 400, "invalid_webhook_description" },
        { "POST", "/v1/webhooks", """{"url":"https://hooks.example.com/","url":"https://other.example.com/"}""", 400, "bad_request" },
        { "PUT", "/v1/webhooks/{id}", """{"enabled":"yes"}""", 400, "invalid_webhook_enabled" },
        { "PUT", "/v1/webhooks/{id}", """{"event_types":["nope"]}""", 400, "invalid_event_type" },
        { "PUT", "/v1/webhooks/{id}", """{"url":"http://hooks.example.com/"}""", 400, "insecure_webhook_url" },
        { "PUT", "/v1/webhooks/webhook-endpoint-live-00000000-0000-7000-8000-000000000000", """{"description":"x"}""", 404, "webhook_not_found" },
        { "PUT", "/v1/webhooks/not-an-id", """{"description":"x"}""", 404, "webhook_not_found" },
        { "GET", "/v1/webhooks/not-an-id", null, 404, "webhook_not_found" },
        { "DELETE", "/v1/webhooks/webhook-endpoint-live-00000000-0000-7000-8000-000000000000", null, 404, "webhook_not_found" },
        { "POST", "/v1/webhooks/not-an-id/rotate_secret", null, 404, "webhook_not_found" },
        { "GET", "/v1/webhooks/{id}/deliveries?limit=0", null, 400, "invalid_limit" },
        { "GET", "/v1/webhooks/{id}/deliveries?limit=101", null, 400, "invalid_limit" },
        { "GET", "/v1/webhooks/{id}/deliveries?limit=ten", null, 400, "invalid_limit" },
        { "GET", "/v1/webhooks/{id}/deliveries?cursor=somewhere", null, 400, "invalid_cursor" },
        { "GET", "/v1/webhooks/not-an-id/deliveries", null, 404, "webhook_not_found" },
        { "POST", "/v1/webhooks/{id}/deliveries/webhook-delivery-live-00000000-0000-7000-8000-000000000000/redeliver", null, 404, "webhook_delivery_not_found" },
        { "POST", "/v1/webhooks/{id}/deliveries/nonsense/redeliver", null, 404, "webhook_delivery_not_found" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Every_malformed_request_answers_its_error_type_and_changes_nothing(string method, string path, string? json, int status, string errorType)
    {
        var created = await Client.PostAsync("/v1/webhooks", new { url = "https://hooks.example.com/keep", description = "kept", event_types = new[] { "user.created" } });
        var id = created.Body.GetProperty("webhook").GetProperty("webhook_id").GetString()!;
        var before = await Client.GetJsonAsync($"/v1/webhooks/{id}");
        var count = await EndpointCountAsync();

        var answer = await Client.SendJsonAsync(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal), json);

        Assert.Equal(((HttpStatusCode)status, errorType), (answer.Status, answer.ErrorType));
        Assert.Equal(status, answer.Body.GetProperty("status_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(answer.Text("request_id")));
        Assert.Equal(count, await EndpointCountAsync());
        Assert.Equal(before.Body.GetProperty("webhook").ToString(), (await Client.GetJsonAsync($"/v1/webhooks/{id}")).Body.GetProperty("webhook").ToString());
        await Client.DeleteJsonAsync($"/v1/webhooks/{id}");
    }

    [Fact]
    public async Task The_api_needs_the_projects_credentials()
    {
        using var response = await Host.Anonymous.GetAsync(new Uri("/v1/webhooks", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<int> EndpointCountAsync() => (await Client.GetJsonAsync("/v1/webhooks")).Body.GetProperty("webhooks").GetArrayLength();
}

public sealed class WebhookApiOnSqlite(WebhookSqliteGodwit godwit) : WebhookApiContract, IClassFixture<WebhookSqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class WebhookApiOnPostgres(WebhookPostgresGodwit godwit) : WebhookApiContract, IClassFixture<WebhookPostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
