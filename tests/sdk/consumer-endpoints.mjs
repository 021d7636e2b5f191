// Drives Godwit's embeddable magic links, WhatsApp passcodes and primary factor exchange through
// the official Stytch Node SDK, unchanged. The C# test that starts this script answers
// NEED_WHATSAPP_OTP <phone> with "<channel> <code>" read from the real SMS webhook.
import * as readline from "node:readline";
import * as stytch from "stytch";

const { GODWIT_URL, GODWIT_PROJECT_ID, GODWIT_SECRET } = process.env;
const client = new stytch.Client({ project_id: GODWIT_PROJECT_ID, secret: GODWIT_SECRET, env: GODWIT_URL });

const input = readline.createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
async function ask(request) {
  console.log(request);
  const { value } = await lines.next();
  return value.trim();
}

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

const unique = `${Date.now()}-${Math.random().toString(16).slice(2)}`;
const newPhone = () => `+1555${String(Math.floor(Math.random() * 9000000) + 1000000)}`;
const steps = [];

// Embeddable magic link: a token for the backend, authenticated once, verifying no address.
const grace = await client.users.create({ email: `grace-${unique}@example.com` });
const link = await client.magicLinks.create({ user_id: grace.user_id, expiration_minutes: 30 });
check(link.user_id === grace.user_id && link.token.length === 43, "create answers user_id and the token");
const embedded = await client.magicLinks.authenticate({ token: link.token, session_duration_minutes: 30 });
const factor = embedded.session.authentication_factors[0];
check(factor.type === "magic_link" && factor.delivery_method === "embedded", "the factor is an embedded magic link");
check(factor.embeddable_magic_link_factor.embedded_id === embedded.method_id, "the factor names its embedded_id");
check(embedded.user.emails[0].verified === false, "an embeddable link verifies no email");
await expectError(client.magicLinks.authenticate({ token: link.token }), "unable_to_auth_magic_link", 401);
await expectError(client.magicLinks.create({ user_id: grace.user_id, expiration_minutes: 4 }), "invalid_expiration", 400);
await expectError(client.magicLinks.create({ user_id: "user-live-00000000-0000-0000-0000-000000000000" }), "user_not_found", 404);
steps.push("embeddable_magic_link");

// WhatsApp passcodes: SMS's shapes, the webhook told the channel, authenticated like any passcode.
const phone = newPhone();
const sent = await client.otps.whatsapp.loginOrCreate({ phone_number: phone });
check(sent.user_created === true && sent.phone_id.startsWith("phone-number-live-"), "loginOrCreate creates the user");
const [channel, code] = (await ask(`NEED_WHATSAPP_OTP ${phone}`)).split(" ");
check(channel === "whatsapp", `the webhook was told whatsapp, not ${channel}`);
const whatsAppAuth = await client.otps.authenticate({ method_id: sent.phone_id, code, session_duration_minutes: 30 });
check(whatsAppAuth.session.authentication_factors[0].delivery_method === "whatsapp", "the factor says whatsapp");
const resent = await client.otps.whatsapp.send({ phone_number: phone });
check(resent.phone_id === sent.phone_id && resent.user_id === sent.user_id, "send reaches the same phone");
await expectError(client.otps.whatsapp.send({ phone_number: "5555550123" }), "invalid_phone_number", 400);
steps.push("whatsapp_otp");

// Exchange primary factor: the one address swapped, unverified; another user's address refused.
const swapped = await client.users.exchangePrimaryFactor({ user_id: sent.user_id, email_address: `swapped-${unique}@example.com` });
check(swapped.user.phone_numbers.length === 0 && swapped.user.emails[0].verified === false, "the phone became an unverified email");
await expectError(client.users.exchangePrimaryFactor({ user_id: sent.user_id, email_address: `grace-${unique}@example.com` }), "duplicate_email", 400);
await expectError(client.users.exchangePrimaryFactor({ user_id: sent.user_id }), "invalid_exchange_primary_factor_fields", 400);
steps.push("exchange_primary_factor");

input.close();
console.log(`OK ${steps.join(",")}`);
