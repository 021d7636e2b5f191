// Impersonation and RBAC through the official Stytch Node SDK, unchanged. Godwit's own minting
// endpoint (Stytch mints from its dashboard) is called with fetch; everything else is the SDK.
// Prints "OK <steps>" when every check passed.
import * as stytch from "stytch";

const { GODWIT_URL, GODWIT_PROJECT_ID, GODWIT_SECRET } = process.env;
const client = new stytch.Client({ project_id: GODWIT_PROJECT_ID, secret: GODWIT_SECRET, env: GODWIT_URL });
const basic = "Basic " + Buffer.from(`${GODWIT_PROJECT_ID}:${GODWIT_SECRET}`).toString("base64");

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

async function mint(userId) {
  const response = await fetch(new URL("v1/impersonation", GODWIT_URL), {
    method: "POST",
    headers: { authorization: basic, "content-type": "application/json" },
    body: JSON.stringify({ user_id: userId, impersonator_id: "admin-7", impersonator_email_address: "support@example.com", reason: "SDK check" }),
  });
  const body = await response.json();
  check(response.status === 200, `mint answered ${response.status}: ${JSON.stringify(body)}`);
  return body.impersonation_token;
}

const unique = `${Date.now()}-${Math.random().toString(16).slice(2)}`;
const steps = [];

// RBAC: the policy, and roles assigned through users.create / users.update.
const { policy } = await client.rbac.policy();
check(policy.roles.map((r) => r.role_id).join() === "stytch_user,editor,viewer", `policy roles ${JSON.stringify(policy.roles)}`);
check(policy.resources[0].resource_id === "documents", "policy resource");
steps.push("rbac.policy");

const editor = await client.users.create({ email: `editor-${unique}@example.com`, roles: ["editor"] });
check(editor.user.roles.join() === "stytch_user,editor", `created roles ${editor.user.roles}`);
const viewer = await client.users.create({ email: `viewer-${unique}@example.com` });
const updated = await client.users.update({ user_id: viewer.user_id, roles: ["viewer"] });
check(updated.user.roles.join() === "stytch_user,viewer", `updated roles ${updated.user.roles}`);
await expectError(client.users.update({ user_id: viewer.user_id, roles: ["owner"] }), "role_not_found", 400);
steps.push("users.roles");

// Impersonation: a token for the editor becomes a session whose factor names the impersonator.
const token = await mint(editor.user_id);
const impersonated = await client.impersonation.authenticate({ impersonation_token: token });
check(impersonated.user_id === editor.user_id, "impersonated user");
const [factor] = impersonated.session.authentication_factors;
check(factor.type === "impersonated" && factor.delivery_method === "impersonation", `factor ${JSON.stringify(factor)}`);
check(factor.impersonated_factor.impersonator_id === "admin-7", "impersonator_id");
check(factor.impersonated_factor.impersonator_email_address === "support@example.com", "impersonator_email_address");
check(impersonated.session.roles.join() === "stytch_user,editor", `session roles ${impersonated.session.roles}`);
await expectError(client.impersonation.authenticate({ impersonation_token: token }), "unable_to_auth_impersonation_token", 401);
steps.push("impersonation.authenticate");

// The SDK checks permissions locally from the cached policy and the session JWT's roles.
const local = await client.sessions.authenticateJwtLocal({
  session_jwt: impersonated.session_jwt,
  authorization_check: { resource_id: "documents", action: "write" },
});
check(local.authentication_factors[0].type === "impersonated", "the JWT carries the impersonated factor");
const viewerSession = await client.impersonation.authenticate({ impersonation_token: await mint(viewer.user_id) });
let refused = false;
try {
  await client.sessions.authenticateJwtLocal({
    session_jwt: viewerSession.session_jwt,
    authorization_check: { resource_id: "documents", action: "write" },
  });
} catch {
  refused = true;
}
check(refused, "a viewer may not write documents");
await client.sessions.authenticateJwtLocal({
  session_jwt: viewerSession.session_jwt,
  authorization_check: { resource_id: "documents", action: "read" },
});
steps.push("sessions.authenticateJwtLocal+authorization_check");

console.log(`OK ${steps.join(" ")}`);
