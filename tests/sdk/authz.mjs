// RBAC authorization checks on session authenticate through the official Stytch Node SDK, unchanged:
// roles given by passwords.migrate, then sessions.authenticate with authorization_check answered by
// the server. Prints "OK <steps>" when every check passed.
import * as stytch from "stytch";

const { GODWIT_URL, GODWIT_PROJECT_ID, GODWIT_SECRET } = process.env;
const client = new stytch.Client({ project_id: GODWIT_PROJECT_ID, secret: GODWIT_SECRET, env: GODWIT_URL });

// bcrypt of "password", as a legacy system would export it.
const legacyHash = "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.";

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

async function migratedSession(name, roles) {
  const email = `${name}-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`;
  const migrated = await client.passwords.migrate({ email, hash: legacyHash, hash_type: "bcrypt", roles });
  const login = await client.passwords.authenticate({ email, password: "password", session_duration_minutes: 60 });
  return { migrated, login };
}

const steps = [];

const viewer = await migratedSession("viewer", ["viewer"]);
check(viewer.migrated.user.roles.join() === "stytch_user,viewer", `migrated roles ${viewer.migrated.user.roles}`);
await expectError(
  client.passwords.migrate({ email: `bad-role-${Date.now()}@example.com`, hash: legacyHash, hash_type: "bcrypt", roles: ["owner"] }),
  "role_not_found",
  400,
);
steps.push("passwords.migrate+roles");

const read = await client.sessions.authenticate({
  session_token: viewer.login.session_token,
  authorization_check: { resource_id: "documents", action: "read" },
});
check(read.verdict.authorized === true, `verdict ${JSON.stringify(read.verdict)}`);
check(read.verdict.granting_roles.join() === "viewer", `granting roles ${read.verdict.granting_roles}`);
await expectError(
  client.sessions.authenticate({
    session_token: viewer.login.session_token,
    authorization_check: { resource_id: "documents", action: "write" },
  }),
  "consumer_session_authorization_error",
  403,
);
const plain = await client.sessions.authenticate({ session_token: viewer.login.session_token });
check(plain.verdict === undefined, "no verdict without authorization_check");
steps.push("sessions.authenticate+authorization_check");

// The server and the SDK's local evaluation (cached policy, JWT roles) agree.
const editor = await migratedSession("editor", ["editor"]);
const remote = await client.sessions.authenticate({
  session_token: editor.login.session_token,
  authorization_check: { resource_id: "documents", action: "write" },
});
check(remote.verdict.granting_roles.join() === "editor", `editor granting roles ${remote.verdict.granting_roles}`);
await client.sessions.authenticateJwtLocal({
  session_jwt: editor.login.session_jwt,
  authorization_check: { resource_id: "documents", action: "write" },
});
steps.push("sessions.authenticateJwtLocal+authorization_check");

console.log(`OK ${steps.join(" ")}`);
