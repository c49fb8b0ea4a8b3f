// End-to-end check in a real browser: headless Debian Chromium driven by playwright-core.
// node e2e.mjs <page url> <email> <password> <question> <code> <screenshot path>
// Prints one JSON line: what the page showed.
import { chromium } from "playwright-core";

const [url, email, password, question, code, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.goto(url);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("#login button");
  await page.waitForSelector("#ask:not([hidden])", { timeout: 20000 });
  await page.fill("#question", question);
  await page.fill("#code", code);
  await page.click("#ask button");
  await page.waitForFunction(() => document.getElementById("done").textContent.length > 0, null, { timeout: 30000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({
    routing: await page.textContent("#routing"),
    answer: await page.textContent("#answer"),
    done: await page.textContent("#done"),
    errors,
  }));
} finally {
  await browser.close();
}
