// Drives Godwit through the official Stytch Node SDK, unchanged, where Godwit's answers were found
// to differ from Stytch's reference: a user with neither email nor phone number, and breached
// passwords (which Stytch refuses as weak_password). Prints "OK conformance" when every check passes.
import * as stytch from "stytch";

const { GODWIT_URL, GODWIT_PROJECT_ID, GODWIT_SECRET } = process.env;
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
    return error;
  }
  throw new Error(`expected ${errorType}, but the call succeeded`);
}

const unique = `${Date.now()}-${Math.random().toString(16).slice(2)}`;
const strong = "correct-Horse-battery-staple-9";
const breached = "qwertyuiop";

// Create User needs an email or a phone number.
await expectError(client.users.create({}), "invalid_create_user_request", 400);
await expectError(client.users.create({ name: { first_name: "Nobody" }, external_id: `nobody-${unique}` }), "invalid_create_user_request", 400);
const search = await client.users.search({ limit: 1, query: { operator: "AND", operands: [{ filter_name: "full_name_fuzzy", filter_value: "Nobody" }] } });
check(search.results.length === 0, "a refused Create User stores nobody");
const byPhone = await client.users.create({ phone_number: `+1555${String(Date.now()).slice(-7)}` });
check(byPhone.user_id.startsWith("user-"), "a phone number alone is enough");

// A breached password is weak_password, and the message says why.
const email = `breach-${unique}@example.com`;
const refused = await expectError(client.passwords.create({ email, password: breached }), "weak_password", 400);
check(/breached/.test(refused.error_message), `the message names the breach: ${refused.error_message}`);
const weak = await expectError(client.passwords.create({ email, password: "abc123xyz" }), "weak_password", 400);
check(!/breached/.test(weak.error_message), `a merely weak password is not called breached: ${weak.error_message}`);
await client.passwords.create({ email, password: strong });
const reset = await expectError(
  client.passwords.existingPassword.reset({ email, existing_password: strong, new_password: breached }),
  "weak_password",
  400,
);
check(/breached/.test(reset.error_message), "a reset to a breached password names the breach");
const login = await client.passwords.authenticate({ email, password: strong });
check(login.user_id.length > 0, "the refused reset left the password as it was");

console.log("OK conformance");
