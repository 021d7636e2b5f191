// A real OpenID provider (oidc-provider) on loopback, an application page, and headless Chromium
// walking a person through Godwit's OAuth flow; driven by tests/Godwit.Server.Tests/OAuth.
//
// Protocol (one JSON object per line): after READY, the test sends
//   {"op":"start","godwit":"http://127.0.0.1:<port>"}   -> {"issuer":..., "appOrigin":...}
//   {"op":"login","url":<Godwit start URL>,"login":<account>,"deny":false}
//                                                      -> {"url":<where the browser ended>, "callback":<Godwit callback URL>}
// Accounts: the login name is the subject (oidc-provider makes the account id the sub); "u:<email>" has an unverified email, "<email>" a
// verified one, "none:<name>" no email at all.
import http from "node:http";
import readline from "node:readline";
import Provider from "oidc-provider";
import { chromium } from "playwright-core";

// stdout carries the protocol only: whatever a library logs goes to stderr.
const reply = (message) => process.stdout.write(JSON.stringify(message) + "\n");
console.log = console.info = console.warn = console.debug = (...args) => process.stderr.write(args.join(" ") + "\n");

const clients = (godwit) => [
  { client_id: "godwit-google", client_secret: "google-secret-for-tests", segment: "google" },
  { client_id: "godwit-acme", client_secret: "acme-secret-for-tests", segment: "acme" },
].map(({ segment, ...client }) => ({
  ...client,
  redirect_uris: [`${godwit}/v1/public/oauth/${segment}/callback`],
  grant_types: ["authorization_code"],
  response_types: ["code"],
  token_endpoint_auth_method: "client_secret_basic",
}));

function account(id) {
  const unverified = id.startsWith("u:");
  const none = id.startsWith("none:");
  const email = none ? undefined : unverified ? id.slice(2) : id;
  return {
    accountId: id,
    async claims() {
      return {
        sub: id,
        ...(email ? { email, email_verified: !unverified } : {}),
        given_name: "Ada",
        family_name: "Lovelace",
        picture: `https://pictures.example/${encodeURIComponent(id)}.png`,
        locale: "en-GB",
      };
    },
  };
}

async function listen(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

let providerServer;
let appServer;
let browser;

async function start(godwit) {
  let handle = (_, res) => res.end();
  providerServer = await listen((req, res) => handle(req, res));
  const issuer = `http://localhost:${providerServer.address().port}`;
  const provider = new Provider(issuer, {
    clients: clients(godwit),
    findAccount: (_, id) => account(id),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["given_name", "family_name", "picture", "locale"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["godwit-oauth-tests"] },
  });
  handle = provider.callback();

  // The application: a page with the link that starts the flow, and the redirect URLs it registered.
  appServer = await listen((req, res) => {
    const url = new URL(req.url, "http://localhost");
    res.setHeader("content-type", "text/html");
    if (url.pathname === "/") {
      res.end(`<a id="start" href="${url.searchParams.get("go")}">Continue with the provider</a>`);
    } else {
      res.end(`<p id="landed">${url.pathname}</p>`);
    }
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return { issuer, appOrigin: `http://localhost:${appServer.address().port}` };
}

async function login({ url, login: name, deny }) {
  // A fresh context per login: no provider session carries over from another test.
  const context = await browser.newContext();
  await context.route(/fonts\.googleapis\.com/, (route) => route.abort());
  const page = await context.newPage();
  // The provider's redirect to Godwit's callback, so a test can replay it.
  let callback = null;
  page.on("request", (request) => {
    if (/\/v1\/public\/oauth\/[^/]+\/callback/.test(request.url())) callback = request.url();
  });
  try {
    const appOrigin = `http://localhost:${appServer.address().port}`;
    await page.goto(`${appOrigin}/?go=${encodeURIComponent(url)}`);
    await page.click("#start");
    await page.waitForSelector("input[name=login]");
    await page.fill("input[name=login]", name);
    await page.fill("input[name=password]", "any password");
    await page.click("button[type=submit]");
    await page.waitForSelector("button[type=submit]:has-text('Continue')");
    if (deny) {
      // The dev interactions have no refusal button: aborting the interaction is the refusal.
      const abort = new URL(page.url());
      await page.goto(`${abort.origin}${abort.pathname}/abort`);
    } else {
      await page.click("button[type=submit]");
    }
    await page.waitForURL((current) => current.origin === appOrigin && current.pathname !== "/", { timeout: 30000 });
    return { url: page.url(), callback };
  } finally {
    await context.close();
  }
}

process.stdout.write("READY\n");
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const message = JSON.parse(line);
  try {
    const answer = message.op === "start" ? await start(message.godwit) : await login(message);
    reply({ ok: true, ...answer });
  } catch (error) {
    reply({ ok: false, error: String(error?.stack ?? error) });
  }
}
await browser?.close();
providerServer?.close();
appServer?.close();
