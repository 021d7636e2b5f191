// A person using the rolling-migration sample (samples/Godwit.Samples.LegacyApp) in Debian's headless
// Chromium, for tests/Godwit.Samples.Tests. Every step goes through the pages as a person would:
// fields found by their labels, buttons and links by their names.
//
// The C# test talks to this script over stdin/stdout, one JSON object per line:
//   start:  READY
//   ask:    {"op": "sign-in", "url": "http://127.0.0.1:<port>/", "email": "..."}
//           opens the page, expects the login form, sends the email, then pauses for the code:
//   pause:  {"need": "code", "email": "..."}      (the test reads the code from its SMTP server)
//   reply:  {"code": "123456"}
//   answer: {"ok": true, "loginUrl": "<where the page sent an anonymous visitor>", "page": <page>}
//   ask:    {"op": "follow", "link": "Migration progress"}   clicks a link of the current page
//   ask:    {"op": "sign-out"}                               the Sign out link, then its button
//   answer: {"ok": true, "page": <page>}   or, for any ask,   {"ok": false, "error": "<message>"}
// A page is {"url", "heading", "alerts": [text of each role=alert], "invalid": [ids of aria-invalid
// fields], "values": {id: text of each <dd id>}, "rows": [[cell texts] of each table body row]}.
import readline from "node:readline";
import { launchChromium } from "./chromium.mjs";

const { context, close } = await launchChromium();
// A step that cannot happen (a missing field, a page that never comes) fails in seconds, not minutes.
context.setDefaultTimeout(15_000);

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();

async function nextMessage() {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) return null;
    if (value.trim()) return JSON.parse(value);
  }
}

const send = (message) => console.log(JSON.stringify(message));

async function shutdown(code) {
  await close();
  process.exit(code);
}

// What a person sees on the page, read from the DOM (DevTools evaluation is not subject to the page's CSP).
const observe = (tab) =>
  tab.evaluate(() => ({
    url: location.href,
    heading: document.querySelector("h1")?.textContent.trim() ?? null,
    alerts: [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent.trim()),
    invalid: [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => e.id),
    values: Object.fromEntries([...document.querySelectorAll("dd[id]")].map((e) => [e.id, e.textContent.trim()])),
    rows: [...document.querySelectorAll("table tbody tr")].map((row) => [...row.cells].map((cell) => cell.textContent.trim())),
  }));

async function signIn(tab, ask) {
  await tab.goto(ask.url);
  const loginUrl = tab.url();
  await tab.getByLabel("Email address", { exact: true }).fill(ask.email);
  await tab.getByRole("button", { name: "Continue", exact: true }).click();
  const code = tab.getByLabel("Code", { exact: true });
  await code.waitFor();

  send({ need: "code", email: ask.email });
  const reply = await nextMessage();
  if (!reply?.code) throw new Error("no code came back from the test");

  await code.fill(reply.code);
  await tab.getByRole("button", { name: "Sign in", exact: true }).click();
  await tab.waitForLoadState("load");
  return { ok: true, loginUrl, page: await observe(tab) };
}

async function follow(tab, ask) {
  await tab.getByRole("link", { name: ask.link, exact: true }).click();
  await tab.waitForLoadState("load");
  return { ok: true, page: await observe(tab) };
}

async function signOut(tab) {
  await tab.getByRole("link", { name: "Sign out", exact: true }).click();
  await tab.getByRole("button", { name: "Sign out", exact: true }).click();
  await tab.waitForLoadState("load");
  return { ok: true, page: await observe(tab) };
}

try {
  const tab = context.pages()[0] ?? (await context.newPage());
  console.log("READY");
  for (let ask = await nextMessage(); ask; ask = await nextMessage()) {
    try {
      if (ask.op === "sign-in") send(await signIn(tab, ask));
      else if (ask.op === "follow") send(await follow(tab, ask));
      else if (ask.op === "sign-out") send(await signOut(tab));
      else throw new Error(`unknown op ${ask.op}`);
    } catch (error) {
      const message = String(error?.message ?? error).split("\n")[0];
      const page = await observe(tab).catch(() => null);
      send({ ok: false, error: `${message} (on ${tab.url()}: ${JSON.stringify(page)})` });
    }
  }

  await shutdown(0);
} catch (error) {
  console.error(error);
  await shutdown(1);
}
