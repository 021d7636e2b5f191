// Drives a Godwit server through the official Stytch Node SDK, unchanged (TOTP codes from otplib).
// The C# test that starts this script answers its NEED_* requests on stdin with the token or code
// it read from the real SMTP server or SMS webhook, so every step crosses the real wire.
import * as readline from "node:readline";
import * as stytch from "stytch";
import { generate } from "otplib";

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
const steps = [];

// Users
const created = await client.users.create({ email: `ada-${unique}@example.com`, name: { first_name: "Ada" }, external_id: `legacy-${unique}` });
check(/^user-live-[0-9a-f-]{36}$/.test(created.user_id), "user id format");
const fetched = await client.users.get({ user_id: `legacy-${unique}` });
check(fetched.user_id === created.user_id, "get by external_id");
const search = await client.users.search({ limit: 10, query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: [`ada-${unique}@example.com`] }] } });
check(search.results.length === 1 && search.results_metadata.total === 1, "search finds one user");
await expectError(client.users.create({ email: `ADA-${unique}@example.com` }), "duplicate_email", 400);
steps.push("users");

// Email magic link, login_or_create then authenticate with a session
const linkEmail = `grace-${unique}@example.com`;
const started = await client.magicLinks.email.loginOrCreate({ email: linkEmail, login_magic_link_url: "https://app.example.com/login", signup_magic_link_url: "https://app.example.com/signup" });
check(started.user_created === true, "magic link creates the user");
const token = await ask(`NEED_MAGIC_LINK ${linkEmail}`);
const linked = await client.magicLinks.authenticate({ token, session_duration_minutes: 60 });
check(linked.user_id === started.user_id, "magic link authenticates that user");
check(linked.user.status === "active" && linked.user.emails[0].verified === true, "login verifies the email and activates the user");
check(linked.session.authentication_factors[0].type === "magic_link", "the session lists the magic link factor");
await expectError(client.magicLinks.authenticate({ token }), "unable_to_auth_magic_link", 401);
steps.push("magic_link");

// Sessions: by token, by JWT remotely, by JWT locally through the JWKS
const byToken = await client.sessions.authenticate({ session_token: linked.session_token });
check(byToken.session.session_id === linked.session.session_id, "session by token");
const local = await client.sessions.authenticateJwtLocal({ session_jwt: linked.session_jwt });
check(local.session_id === linked.session.session_id, "JWT verified locally through the JWKS");
const viaJwt = await client.sessions.authenticateJwt({ session_jwt: linked.session_jwt });
check(viaJwt.session.session_id === linked.session.session_id, "authenticateJwt");
const remote = await client.sessions.authenticate({ session_jwt: linked.session_jwt });
check(remote.session.session_id === linked.session.session_id, "session by JWT remotely");
const listed = await client.sessions.get({ user_id: linked.user_id });
check(listed.sessions.length === 1, "one session listed");
steps.push("sessions");

// Email one-time passcode
const otpEmail = `hopper-${unique}@example.com`;
const sent = await client.otps.email.loginOrCreate({ email: otpEmail });
await expectError(client.otps.authenticate({ method_id: sent.email_id, code: "12345" }), "invalid_code", 400);
const code = await ask(`NEED_EMAIL_OTP ${otpEmail}`);
const wrong = code === "000000" ? "000001" : "000000";
await expectError(client.otps.authenticate({ method_id: sent.email_id, code: wrong }), "otp_code_not_found", 404);
const otp = await client.otps.authenticate({ method_id: sent.email_id, code, session_duration_minutes: 30 });
check(otp.user_id === sent.user_id && otp.method_id === sent.email_id, "OTP authenticates that user by email_id");
steps.push("email_otp");

// TOTP: the passcode user (active, email verified) enrols an authenticator app
const totp = await client.totps.create({ user_id: otp.user_id });
check(/^totp-live-[0-9a-f-]{36}$/.test(totp.totp_id) && /^[A-Z2-7]{32}$/.test(totp.secret), "create returns the TOTP id and a base32 secret");
check(totp.qr_code.startsWith("data:image/png;base64,") && totp.recovery_codes.length === 10, "create returns a QR code and ten recovery codes");
await expectError(client.totps.create({ user_id: created.user_id }), "second_factor_unverified_primary_factor", 400);
await expectError(client.totps.authenticate({ user_id: otp.user_id, totp_code: "12345" }), "invalid_totp_code", 400);
const totpCode = await generate({ secret: totp.secret });
const totpAuth = await client.totps.authenticate({ user_id: otp.user_id, totp_code: totpCode, session_token: otp.session_token });
check(totpAuth.totp_id === totp.totp_id && totpAuth.session.session_id === otp.session.session_id, "the code joins the passcode session");
check(totpAuth.session.authentication_factors.map((f) => f.type).join() === "otp,totp", "the session lists both factors");
check(totpAuth.session.authentication_factors[1].authenticator_app_factor.totp_id === totp.totp_id, "the totp factor names the TOTP");
await expectError(client.totps.authenticate({ user_id: otp.user_id, totp_code: totpCode }), "totp_code_already_authenticated", 401);
const listedCodes = await client.totps.recoveryCodes({ user_id: otp.user_id });
check(listedCodes.totps.length === 1 && listedCodes.totps[0].verified === true && listedCodes.totps[0].recovery_codes.length === 10, "recovery codes are listed");
const recovered = await client.totps.recover({ user_id: otp.user_id, recovery_code: listedCodes.totps[0].recovery_codes[0], session_duration_minutes: 30 });
check(recovered.session.authentication_factors[0].type === "recovery_codes", "a recovery code starts a session");
await expectError(client.totps.recover({ user_id: otp.user_id, recovery_code: listedCodes.totps[0].recovery_codes[0] }), "unable_to_authenticate_recovery_code", 401);
const withTotp = await client.users.get({ user_id: otp.user_id });
check(withTotp.totps.length === 1 && withTotp.totps[0].verified === true, "the user lists the verified TOTP");
const withoutTotp = await client.users.deleteTOTP({ totp_id: totp.totp_id });
check(withoutTotp.user_id === otp.user_id && withoutTotp.user.totps.length === 0, "delete removes the TOTP");
steps.push("totp");

// SMS one-time passcode, added to the existing session
const phone = `+1555${String(Math.floor(Math.random() * 9000000) + 1000000)}`;
const sms = await client.otps.sms.loginOrCreate({ phone_number: phone });
const smsCode = await ask(`NEED_SMS_OTP ${phone}`);
const smsAuth = await client.otps.authenticate({ method_id: sms.phone_id, code: smsCode, session_duration_minutes: 30 });
check(smsAuth.user.phone_numbers[0].verified === true, "SMS OTP verifies the phone");
steps.push("sms_otp");

// Passwords: a legacy bcrypt hash migrated, logged in with (and upgraded), reset by email
const pwEmail = `linus-${unique}@example.com`;
const migrated = await client.passwords.migrate({
  email: pwEmail,
  hash: "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.", // "password", htpasswd -B -C 4
  hash_type: "bcrypt",
  set_email_verified: true,
});
check(migrated.user_created === true && migrated.user.password.password_id.startsWith("password-live-"), "migrate creates the user with a password");
await expectError(client.passwords.authenticate({ email: pwEmail, password: "Password" }), "unauthorized_credentials", 401);
const pwLogin = await client.passwords.authenticate({ email: pwEmail, password: "password", session_duration_minutes: 30 });
check(pwLogin.session.authentication_factors[0].type === "password", "the session lists the password factor");
const strength = await client.passwords.strengthCheck({ password: "password", email: pwEmail });
check(strength.valid_password === false && strength.breached_password === true && strength.strength_policy === "zxcvbn", "strength check flags a breached password");
await client.passwords.email.resetStart({ email: pwEmail, reset_password_redirect_url: "https://app.example.com/reset" });
const resetToken = await ask(`NEED_RESET_LINK ${pwEmail}`);
const reset = await client.passwords.email.reset({ token: resetToken, password: "a much longer and better password 1926" });
check(reset.user_id === migrated.user_id, "the reset logs the user in");
await expectError(client.sessions.authenticate({ session_token: pwLogin.session_token }), "session_not_found", 404);
const created2 = await client.passwords.create({ email: `barbara-${unique}@example.com`, password: "a much longer and better password 1926" });
check(created2.session_token.length > 0, "create starts a session");
steps.push("passwords");

// Revocation and deletion
await client.sessions.revoke({ session_token: linked.session_token });
await expectError(client.sessions.authenticate({ session_token: linked.session_token }), "session_not_found", 404);
await client.users.delete({ user_id: created.user_id });
await expectError(client.users.get({ user_id: created.user_id }), "user_not_found", 404);
steps.push("revoke_and_delete");

console.log(`OK ${steps.join(",")}`);
input.close();
