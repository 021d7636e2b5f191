using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Godwit.Core.Errors;
using Godwit.Core.Security;

namespace Godwit.Core.WebAuthn;

/// <summary>A registration answer (navigator.credentials.create) read from its JSON.</summary>
public sealed record AttestationCredential(AuthenticatorAttestationRawResponse Raw, ClientData ClientData);

/// <summary>A login answer (navigator.credentials.get) read from its JSON.</summary>
public sealed record AssertionCredential(AuthenticatorAssertionRawResponse Raw, ClientData ClientData);

/// <summary>
/// Reads the <c>public_key_credential</c> string, field by field, so that each malformed part gets its
/// own error type before any ceremony is looked up or consumed. Binary members may be base64url (as
/// <c>PublicKeyCredential.toJSON()</c> writes them) or standard base64.
/// </summary>
public static class PublicKeyCredentialJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public static Result<AttestationCredential> ReadAttestation(string? json) => Read<AttestationCredential>(json, (id, rawId, response, clientData, clientDataJson) =>
    {
        if (!Bytes(response, "attestationObject", out var attestationObject, out var present))
        {
            return present ? ErrorCatalog.PublicKeyCredentialMalformedAttestationObject : ErrorCatalog.PublicKeyCredentialMissingAttestationObject;
        }

        var raw = new AuthenticatorAttestationRawResponse
        {
            Id = id,
            RawId = rawId,
            Type = PublicKeyCredentialType.PublicKey,
            Response = new AuthenticatorAttestationRawResponse.AttestationResponse
            {
                AttestationObject = attestationObject,
                ClientDataJson = clientDataJson,
                Transports = Transports(response),
            },
            ClientExtensionResults = new AuthenticationExtensionsClientOutputs(),
        };
        return new AttestationCredential(raw, clientData);
    });

    public static Result<AssertionCredential> ReadAssertion(string? json) => Read<AssertionCredential>(json, (id, rawId, response, clientData, clientDataJson) =>
    {
        if (!Bytes(response, "authenticatorData", out var authenticatorData, out var present))
        {
            return present ? ErrorCatalog.PublicKeyCredentialInvalidAuthenticatorData : ErrorCatalog.PublicKeyCredentialMissingAuthenticatorData;
        }

        // 32 bytes of rpIdHash, 1 of flags and 4 of counter come first in every authenticator data.
        if (authenticatorData.Length < 37)
        {
            return ErrorCatalog.PublicKeyCredentialInvalidAuthenticatorData;
        }

        if (!Bytes(response, "signature", out var signature, out present))
        {
            return present ? ErrorCatalog.InvalidPublicKeyCredential.WithMessage("The public key credential's signature is not base64url.") : ErrorCatalog.PublicKeyCredentialMissingSignature;
        }

        byte[]? userHandle = null;
        if (response.TryGetProperty("userHandle", out var handle) && handle.ValueKind != JsonValueKind.Null)
        {
            if (handle.ValueKind != JsonValueKind.String || !LenientBase64.TryDecode(handle.GetString(), out var handleBytes))
            {
                return ErrorCatalog.InvalidPublicKeyCredential.WithMessage("The public key credential's userHandle is not base64url.");
            }

            userHandle = handleBytes;
        }

        var raw = new AuthenticatorAssertionRawResponse
        {
            Id = id,
            RawId = rawId,
            Type = PublicKeyCredentialType.PublicKey,
            Response = new AuthenticatorAssertionRawResponse.AssertionResponse
            {
                AuthenticatorData = authenticatorData,
                Signature = signature,
                ClientDataJson = clientDataJson,
                UserHandle = userHandle,
            },
            ClientExtensionResults = new AuthenticationExtensionsClientOutputs(),
        };
        return new AssertionCredential(raw, clientData);
    });

    private delegate Result<T> Finish<T>(string id, byte[] rawId, JsonElement response, ClientData clientData, byte[] clientDataJson);

    private static Result<T> Read<T>(string? json, Finish<T> finish)
    {
        if (string.IsNullOrEmpty(json))
        {
            return ErrorCatalog.InvalidPublicKeyCredential.WithMessage("Pass public_key_credential: the JSON of the credential navigator.credentials returned.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException)
        {
            return ErrorCatalog.InvalidPublicKeyCredential.WithMessage("public_key_credential is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ErrorCatalog.InvalidPublicKeyCredential.WithMessage("public_key_credential must be a JSON object.");
            }

            if (root.TryGetProperty("type", out var type) && (type.ValueKind != JsonValueKind.String || type.GetString() != "public-key"))
            {
                return ErrorCatalog.InvalidPublicKeyCredential.WithMessage("The public key credential's type must be \"public-key\".");
            }

            if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind == JsonValueKind.Null)
            {
                return ErrorCatalog.PublicKeyCredentialMissingId;
            }

            if (idElement.ValueKind != JsonValueKind.String || !LenientBase64.TryDecode(idElement.GetString(), out var rawId)
                || (Bytes(root, "rawId", out var rawIdBytes, out var rawIdPresent) ? !rawId.AsSpan().SequenceEqual(rawIdBytes) : rawIdPresent))
            {
                return ErrorCatalog.PublicKeyCredentialInvalidId;
            }

            if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
            {
                return ErrorCatalog.PublicKeyCredentialMissingResponse;
            }

            if (!Bytes(response, "clientDataJSON", out var clientDataJson, out var clientDataPresent))
            {
                return clientDataPresent ? ErrorCatalog.PublicKeyCredentialMalformedClientData : ErrorCatalog.PublicKeyCredentialMissingClientData;
            }

            var clientData = ClientData.Parse(clientDataJson);
            return clientData.Succeeded
                ? finish(SecretTokens.Base64Url(rawId), rawId, response, clientData.Value, clientDataJson)
                : clientData.Error!;
        }
    }

    /// <summary>A binary member; <paramref name="present"/> tells a missing one from a malformed one.</summary>
    private static bool Bytes(JsonElement parent, string name, out byte[] bytes, out bool present)
    {
        bytes = [];
        present = parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
        return present && value.ValueKind == JsonValueKind.String && LenientBase64.TryDecode(value.GetString(), out bytes);
    }

    private static AuthenticatorTransport[] Transports(JsonElement response) =>
        response.TryGetProperty("transports", out var transports) && transports.ValueKind == JsonValueKind.Array
            ? transports.EnumerateArray()
                .Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null)
                .Select(t => t switch
                {
                    "usb" => AuthenticatorTransport.Usb,
                    "nfc" => AuthenticatorTransport.Nfc,
                    "ble" => AuthenticatorTransport.Ble,
                    "smart-card" => AuthenticatorTransport.SmartCard,
                    "hybrid" => AuthenticatorTransport.Hybrid,
                    "internal" => AuthenticatorTransport.Internal,
                    _ => (AuthenticatorTransport?)null,
                })
                .OfType<AuthenticatorTransport>()
                .Distinct()
                .ToArray()
            : [];
}
