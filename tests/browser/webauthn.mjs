// A browser with a WebAuthn authenticator, for Godwit's tests. Debian's Chromium runs headless with a
// CDP virtual authenticator (CTAP2, internal transport, resident keys, user verification), and a
// small page served here on http://localhost runs navigator.credentials.create()/get() with the
// options the test got from Godwit, then POSTs the credential JSON back to this server.
//
// The C# test talks to this script over stdin/stdout, one JSON object per line:
//   start:  READY {"port": <port>, "otherPort": <port>}
//   ask:    {"id": 1, "op": "register" | "login", "url": "http://localhost:<port>/", "options": "<json>", "rpId": "<optional override>"}
//   answer: {"id": 1, "ok": true, "credential": "<json>"}  or  {"id": 1, "ok": false, "error": "<name: message>"}
//   ask:    {"id": 2, "op": "reset"}  (a new, empty authenticator, so that a passkey login finds one credential)
// Two servers give two origins: the test configures Godwit to allow only the first.
import http from "node:http";
import readline from "node:readline";
import { launchChromium } from "./chromium.mjs";

const page = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>Godwit WebAuthn test page</title></head>
<body>
<script>
  // Posts the credential to this page's own server, as an application's page posts it to its backend.
  async function post(credential) {
    const json = JSON.stringify(credential.toJSON());
    const answer = await fetch("/credential", { method: "POST", headers: { "Content-Type": "application/json" }, body: json });
    if (!answer.ok) throw new Error("the test server refused the credential: " + answer.status);
    return json;
  }

  window.register = async (optionsJson, rpId) => {
    const options = JSON.parse(optionsJson);
    if (rpId) options.rp.id = rpId;
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options);
    return post(await navigator.credentials.create({ publicKey }));
  };

  window.login = async (optionsJson, rpId) => {
    const options = JSON.parse(optionsJson);
    if (rpId) options.rpId = rpId;
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options);
    return post(await navigator.credentials.get({ publicKey }));
  };
</script>
</body>
</html>`;

let posted = null;

function serve() {
  const server = http.createServer((request, response) => {
    if (request.method === "GET" && request.url === "/") {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end(page);
      return;
    }

    if (request.method === "POST" && request.url === "/credential") {
      let body = "";
      request.setEncoding("utf8");
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        posted = body;
        response.writeHead(204);
        response.end();
      });
      return;
    }

    response.writeHead(404);
    response.end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const servers = [await serve(), await serve()];
const { context, close } = await launchChromium();

async function shutdown(code) {
  for (const server of servers) server.close();
  await close();
  process.exit(code);
}

try {
  const tab = context.pages()[0] ?? (await context.newPage());
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send("WebAuthn.enable");
  const addAuthenticator = async () =>
    (
      await cdp.send("WebAuthn.addVirtualAuthenticator", {
        options: {
          protocol: "ctap2",
          transport: "internal",
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      })
    ).authenticatorId;
  let authenticatorId = await addAuthenticator();

  console.log(`READY ${JSON.stringify({ port: servers[0].address().port, otherPort: servers[1].address().port })}`);

  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const ask = JSON.parse(line);
    try {
      if (ask.op === "reset") {
        await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId });
        authenticatorId = await addAuthenticator();
        console.log(JSON.stringify({ id: ask.id, ok: true, credential: null }));
        continue;
      }

      if (tab.url() !== ask.url) await tab.goto(ask.url);
      posted = null;
      const fn = ask.op === "register" ? "register" : "login";
      const credential = await tab.evaluate(([name, options, rpId]) => window[name](options, rpId), [fn, ask.options, ask.rpId ?? null]);
      if (posted !== credential) throw new Error("the page did not post the credential it made");
      console.log(JSON.stringify({ id: ask.id, ok: true, credential: posted }));
    } catch (error) {
      const message = String(error?.message ?? error).split("\n")[0];
      console.log(JSON.stringify({ id: ask.id, ok: false, error: message }));
    }
  }

  await shutdown(0);
} catch (error) {
  console.error(error);
  await shutdown(1);
}
