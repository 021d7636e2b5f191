// An admin using Godwit's console (/admin) in Debian's headless Chromium, for
// tests/Godwit.Server.Tests/Admin. Fields are found by their labels, buttons by their names.
//
// The C# test talks to this script over stdin/stdout, one JSON object per line:
//   start:  READY
//   ask:    {"op": "goto", "url": "..."}                      opens a URL
//   ask:    {"op": "fill", "label": "Email", "value": "..."}  fills the field with that label
//   ask:    {"op": "press", "button": "Continue"}             presses the first button with that name
//   ask:    {"op": "follow", "link": "Users"}                 follows the first link with that name
//   ask:    {"op": "check", "screenshot": "<path.png>"}       audits the page: axe-core's serious and
//           critical violations, horizontal scroll at 390 px wide, and a full-page screenshot at 1280 px
//   answer: {"ok": true, "page": <page>, ...}   or   {"ok": false, "error": "<message>"}
// A page is {"url", "heading", "text" (of <main>), "alerts", "notices", "values": {id: text of each
// element with an id inside <main> that has no children}}.
import readline from "node:readline";
import AxeBuilder from "@axe-core/playwright";
import { launchChromium } from "./chromium.mjs";

const { context, close } = await launchChromium();
context.setDefaultTimeout(15_000);
const page = await context.newPage();
await page.setViewportSize({ width: 1280, height: 900 });

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const send = (message) => console.log(JSON.stringify(message));

const observe = async () => ({
  ...(await page.evaluate(() => ({
    url: location.href,
    heading: document.querySelector("h1")?.textContent.trim() ?? null,
    text: document.querySelector("main")?.innerText.trim() ?? "",
    alerts: [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent.trim()),
    notices: [...document.querySelectorAll('[role="status"]')].map((e) => e.textContent.trim()),
    values: Object.fromEntries(
      [...document.querySelectorAll("main [id]")].filter((e) => e.children.length === 0).map((e) => [e.id, e.textContent.trim()]),
    ),
  }))),
});

async function audit(screenshot) {
  const axe = await new AxeBuilder({ page }).analyze();
  const violations = axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const narrow = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  return { violations, narrow };
}

async function handle(message) {
  switch (message.op) {
    case "goto":
      await page.goto(message.url);
      return {};
    case "fill":
      await page.getByLabel(message.label, { exact: true }).fill(message.value);
      return {};
    case "press":
      await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: message.button, exact: true }).first().click()]);
      await page.waitForLoadState("load");
      return {};
    case "follow":
      await page.getByRole("link", { name: message.link, exact: true }).first().click();
      await page.waitForLoadState("load");
      return {};
    case "check":
      return await audit(message.screenshot);
    default:
      throw new Error(`unknown op ${message.op}`);
  }
}

console.log("READY");
for (;;) {
  const { value, done } = await lines.next();
  if (done) break;
  if (!value.trim()) continue;
  try {
    const extra = await handle(JSON.parse(value));
    send({ ok: true, ...extra, page: await observe() });
  } catch (error) {
    send({ ok: false, error: String(error?.stack ?? error) });
  }
}
await close();
