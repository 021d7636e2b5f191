// Prints the RFC 6238 codes (SHA-1, six digits, 30 seconds) of a base32 secret at given Unix
// times, one per line, with otplib: an implementation independent of the one Godwit runs.
// Usage: node totp.mjs <base32 secret> <unix seconds>...
import { createGuardrails, generate } from "otplib";

// Imported secrets may be 80 bits, as older authenticator setups made them; otplib's default
// minimum is RFC 4226's recommended 128.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
const [secret, ...times] = process.argv.slice(2);
for (const time of times) {
  console.log(await generate({ secret, epoch: Number(time), guardrails }));
}
