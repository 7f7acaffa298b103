// Shared helpers of the browser tests: launching Debian's chromium through
// playwright-core, and driving the widget the way a person would.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.TRIAGEBOT_E2E_URL;
export const EMERGENCY_NUMBER = process.env.TRIAGEBOT_E2E_EMERGENCY_NUMBER || '911';
export const SCREENSHOTS = process.env.TRIAGEBOT_E2E_SCREENSHOTS || '';
if (!BASE_URL) throw new Error('TRIAGEBOT_E2E_URL is not set: run these through tests/e2e/run.sh');

// The system chromium, never a downloaded one. playwright's launch() gives every
// browser a fresh temporary --user-data-dir of its own (it refuses one in `args`), and
// each test takes a new context, so no state leaks between tests.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.TRIAGEBOT_E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page with listeners that fail the test on script errors and record every request
// and dialog, so tests can assert "no external requests", "no alert fired" and "nothing
// blocked by the Content-Security-Policy".
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const seen = { requests: [], dialogs: [], errors: [], blocked: [] };
  page.on('request', (request) => seen.requests.push(request.url()));
  // What the page's Content-Security-Policy refused (an inline style, a script):
  // chromium reports each on the console.
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.blocked.push(message.text());
  });
  page.on('dialog', async (dialog) => { seen.dialogs.push(dialog.message()); await dialog.dismiss(); });
  page.on('pageerror', (error) => seen.errors.push(String(error)));
  page.setDefaultTimeout(15000);
  await page.goto(BASE_URL + '/');
  return { context, page, seen };
}

// Locators inside the widget (playwright's CSS engine pierces open shadow roots).
export function widget(page) {
  return {
    launcher: page.locator('[data-triagebot-widget] .tb-launcher'),
    panel: page.getByRole('dialog', { name: 'Leg numbness check' }),
    log: page.locator('[data-triagebot-widget] [role="log"]'),
    input: page.getByRole('textbox', { name: 'Your message' }),
    send: page.locator('[data-triagebot-widget] .tb-send'),
    typing: page.locator('[data-triagebot-widget] .tb-typing'),
    items: page.locator('[data-triagebot-widget] .tb-item'),
    botItems: page.locator('[data-triagebot-widget] .tb-from-bot'),
    userBubbles: page.locator('[data-triagebot-widget] .tb-from-user .tb-bubble'),
    activeChoices: page.locator('[data-triagebot-widget] .tb-choice:not([disabled])'),
    card: page.locator('[data-triagebot-widget] .tb-card'),
  };
}

// Waits until no request is in flight (the typing indicator is gone and the send
// button is enabled again).
export async function settled(page) {
  const w = widget(page);
  await w.typing.waitFor({ state: 'hidden' });
  await assert.doesNotReject(w.send.isEnabled());
}

export async function openChat(page) {
  const w = widget(page);
  await page.getByRole('button', { name: 'Open the chat' }).click();
  await w.panel.waitFor({ state: 'visible' });
  await w.botItems.first().waitFor();
  await settled(page);
}

// Sends typed text and waits for the bot's answer to this turn.
export async function typeAndSend(page, text) {
  const w = widget(page);
  const before = await w.botItems.count();
  await w.input.fill(text);
  await w.input.press('Enter');
  await waitForMoreThan(w.botItems, before);
  await settled(page);
}

export async function pressChoice(page, button) {
  const w = widget(page);
  const before = await w.botItems.count();
  await button.click();
  await waitForMoreThan(w.botItems, before);
  await settled(page);
}

export async function waitForMoreThan(locator, count) {
  await locator.nth(count).waitFor();
}

// Drives the interview to its assessment: presses "No" (or the last choice when there
// is no "No") where there are buttons, else types "no". Bounded, so a loop in the
// interview fails the test instead of hanging it. Returns how each turn was answered.
export async function answerUntilAssessment(page, maxTurns = 25) {
  const w = widget(page);
  const used = { buttons: 0, typed: 0 };
  for (let turn = 0; turn < maxTurns; turn++) {
    if (await w.card.count()) return used;
    const choices = w.activeChoices;
    if (await choices.count()) {
      const no = choices.filter({ hasText: /^\s*no\b/i });
      await pressChoice(page, (await no.count()) ? no.first() : choices.last());
      used.buttons++;
    } else {
      await typeAndSend(page, 'no');
      used.typed++;
    }
  }
  assert.fail(`no assessment card after ${maxTurns} answers`);
}

export async function saveScreenshot(locatorOrPage, name) {
  if (!SCREENSHOTS) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await locatorOrPage.screenshot({ path: path.join(SCREENSHOTS, name) });
}
