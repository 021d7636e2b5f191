// OAuth through the official Stytch Node SDK, unchanged: the C# test walked a browser through
// Godwit's start, a real OpenID provider and Godwit's callback, and passes the token the
// application's redirect URL received (and the PKCE verifier). Prints "OK <steps>" when every check passed.
import * as stytch from "stytch";

const { GODWIT_URL, GODWIT_PROJECT_ID, GODWIT_SECRET, OAUTH_TOKEN, CODE_VERIFIER } = process.env;
const client = new stytch.Client({ project_id: GODWIT_PROJECT_ID, secret: GODWIT_SECRET, env: GODWIT_URL });

function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

async function expectError(promise, errorType, statusCode) {
  try {
    await promise;
  } catch (error) {
    check(error.error_type === errorType, `expected ${errorType}, got ${error.error_type}: ${error.message}`);
    check(error.status_code === statusCode, `expected status ${statusCode}, got ${error.status_code}`);
    return;
  }
  throw new Error(`expected ${errorType}, but the call succeeded`);
}

const steps = [];

const authenticated = await client.oauth.authenticate({ token: OAUTH_TOKEN, code_verifier: CODE_VERIFIER, session_duration_minutes: 30 });
check(authenticated.provider_type === "Google", `provider_type ${authenticated.provider_type}`);
check(authenticated.provider_subject.includes("@"), "provider_subject");
check(authenticated.provider_values.access_token.length > 0, "provider_values.access_token");
check(authenticated.provider_values.id_token.split(".").length === 3, "provider_values.id_token");
check(Array.isArray(authenticated.provider_values.scopes), "provider_values.scopes");
check(authenticated.reset_sessions === false, "reset_sessions");
check(authenticated.user.providers[0].oauth_user_registration_id === authenticated.oauth_user_registration_id, "user.providers");
const factor = authenticated.user_session.authentication_factors[0];
check(factor.type === "oauth" && factor.delivery_method === "oauth_google", `factor ${factor.type} ${factor.delivery_method}`);
check(factor.google_oauth_factor.id === authenticated.oauth_user_registration_id, "google_oauth_factor.id");
steps.push("oauth.authenticate");

await expectError(client.oauth.authenticate({ token: OAUTH_TOKEN, code_verifier: CODE_VERIFIER }), "oauth_token_not_found", 404);
steps.push("oauth.authenticate(replayed)");

const session = await client.sessions.authenticate({ session_jwt: authenticated.session_jwt });
check(session.session.authentication_factors[0].google_oauth_factor.provider_subject === authenticated.provider_subject, "session factor");
steps.push("sessions.authenticate");

const attached = await client.oauth.attach({ provider: "google", user_id: authenticated.user_id });
check(attached.oauth_attach_token.length === 43, "oauth_attach_token");
steps.push("oauth.attach");

const deleted = await client.users.deleteOAuthRegistration({ oauth_user_registration_id: authenticated.oauth_user_registration_id });
check(deleted.user_id === authenticated.user_id && deleted.user.providers.length === 0, "deleteOAuthRegistration");
steps.push("users.deleteOAuthRegistration");

console.log(`OK ${steps.join(" ")}`);
