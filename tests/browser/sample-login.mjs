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
//   ask:    {"op": "sign-out", "button": "Sign out of …"}   the Sign out link, then that button
// Single steps, each in a named tab ("tab", default "main"; a new name opens a new tab of the same
// browser, sharing its cookies), for tests that change the world between two steps:
//   ask:    {"op": "open", "url": "..."}                     goes to a URL
//   ask:    {"op": "send-email", "email": "..."}             fills the email field and presses Continue
//   ask:    {"op": "enter-code", "code": "123456"}           fills the code field and presses Sign in
//   ask:    {"op": "press", "button": "Send a new code"}     presses a button of the current page
//   answer: {"ok": true, "page": <page>}   or, for any ask,   {"ok": false, "error": "<message>"}
// A page is {"url", "status" (of the response that loaded it), "heading", "text" (of <main> and the
// header), "buttons": [names], "alerts": [text of each role=alert], "notices": [text of each
// role=status], "invalid": [ids of aria-invalid fields], "values": {id: text of each <dd id>},
// "rows": [[cell texts] of each table body row]}.
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

// The status of the response that loaded each tab's current page.
const statuses = new WeakMap();

// What a person sees on the page, read from the DOM (DevTools evaluation is not subject to the page's CSP).
const observe = async (tab) => ({
  status: statuses.get(tab) ?? null,
  ...(await tab.evaluate(() => ({
    url: location.href,
    heading: document.querySelector("h1")?.textContent.trim() ?? null,
    text: [...document.querySelectorAll("header, main")].map((e) => e.innerText.trim()).join("\n"),
    buttons: [...document.querySelectorAll("button")].map((e) => e.textContent.trim()),
    alerts: [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent.trim()),
    notices: [...document.querySelectorAll('[role="status"]')].map((e) => e.textContent.trim()),
    invalid: [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => e.id),
    values: Object.fromEntries([...document.querySelectorAll("dd[id]")].map((e) => [e.id, e.textContent.trim()])),
    rows: [...document.querySelectorAll("table tbody tr")].map((row) => [...row.cells].map((cell) => cell.textContent.trim())),
  }))),
});

const tabs = new Map();

async function tabNamed(name) {
  if (!tabs.has(name)) {
    const tab = await context.newPage();
    tab.on("response", (response) => {
      if (response.request().isNavigationRequest() && response.frame() === tab.mainFrame()) statuses.set(tab, response.status());
    });
    tabs.set(name, tab);
  }
  return tabs.get(name);
}

// Runs an action that loads a new page and waits for it.
async function step(tab, action) {
  const loaded = tab.waitForNavigation();
  await action();
  await loaded;
  await tab.waitForLoadState("load");
  return { ok: true, page: await observe(tab) };
}

async function single(tab, ask) {
  if (ask.op === "open") return step(tab, () => tab.goto(ask.url));
  if (ask.op === "send-email") {
    await tab.getByLabel("Email address", { exact: true }).fill(ask.email);
    return step(tab, () => tab.getByRole("button", { name: "Continue", exact: true }).click());
  }
  if (ask.op === "enter-code") {
    await tab.getByLabel("Code", { exact: true }).fill(ask.code);
    return step(tab, () => tab.getByRole("button", { name: "Sign in", exact: true }).click());
  }
  if (ask.op === "press") return step(tab, () => tab.getByRole("button", { name: ask.button, exact: true }).click());
  throw new Error(`unknown op ${ask.op}`);
}

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

async function signOut(tab, ask) {
  await tab.getByRole("link", { name: "Sign out", exact: true }).click();
  await tab.getByRole("button", { name: ask.button ?? "Sign out", exact: true }).click();
  await tab.waitForLoadState("load");
  return { ok: true, page: await observe(tab) };
}

try {
  console.log("READY");
  for (let ask = await nextMessage(); ask; ask = await nextMessage()) {
    const tab = await tabNamed(ask.tab ?? "main");
    try {
      if (ask.op === "sign-in") send(await signIn(tab, ask));
      else if (ask.op === "follow") send(await follow(tab, ask));
      else if (ask.op === "sign-out") send(await signOut(tab, ask));
      else send(await single(tab, ask));
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
