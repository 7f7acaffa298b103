// The widget in a real browser against the real server: the whole interview, reloads,
// escaping, a phone screen and the keyboard alone (issue 5, "Browser end-to-end tests").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, EMERGENCY_NUMBER, launchBrowser, openPage, widget, openChat, typeAndSend,
  pressChoice, answerUntilAssessment, saveScreenshot, settled,
} from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// For the picture only, after every assertion: a tall panel, so the whole card fits
// without scrolling inside the chat.
async function saveFullCard(page, card, name) {
  await page.setViewportSize({ width: 1280, height: 2000 });
  await page.evaluate(() => {
    const panel = document.querySelector('[data-triagebot-widget]').shadowRoot.querySelector('.tb-panel');
    panel.style.height = '1900px';
    panel.style.maxHeight = 'none';
  });
  await card.scrollIntoViewIfNeeded();
  await saveScreenshot(card, name);
}

async function withPage(options, body) {
  const { context, page, seen } = await openPage(browser, options);
  try {
    await body(page, seen);
    assert.deepEqual(seen.errors, [], 'no script errors on the page');
    assert.deepEqual(seen.blocked, [], 'nothing refused by the Content-Security-Policy');
  } finally {
    await context.close();
  }
}

test('the demo page explains the bot and makes no external requests', () => withPage({}, async (page, seen) => {
  await assert.doesNotReject(page.getByRole('heading', { level: 1 }).waitFor());
  const text = await page.locator('main').innerText();
  assert.match(text, /not a diagnosis/i);
  assert.match(text, /\/forget/);
  assert.match(text, /emergenc/i);
  await openChat(page);
  const origin = new URL(BASE_URL).origin;
  const foreign = seen.requests.filter((url) => new URL(url).origin !== origin);
  assert.deepEqual(foreign, [], 'every request goes to the bot itself');
  // Styled under a policy without inline styles: the page from /demo.css, the widget
  // from its constructed style sheet.
  const w = widget(page);
  assert.equal(await w.panel.evaluate((el) => getComputedStyle(el).position), 'fixed');
  assert.equal(await page.locator('.top').evaluate((el) => getComputedStyle(el).color), 'rgb(255, 255, 255)');
}));

test('opening the chat starts a conversation and puts focus in the panel', () => withPage({}, async (page) => {
  const w = widget(page);
  await openChat(page);
  assert.equal(await w.launcher.getAttribute('aria-expanded'), 'true');
  assert.ok((await w.botItems.count()) >= 1, 'the bot greets');
  assert.equal(await w.log.getAttribute('aria-live'), 'polite');
  assert.ok(await w.input.evaluate((el) => el.getRootNode().activeElement === el), 'focus is in the text box');
}));

test('a whole interview by button and by typing ends in an assessment card', () => withPage({}, async (page) => {
  const w = widget(page);
  await openChat(page);
  await typeAndSend(page, 'My left leg has been numb on the outside of the thigh for three weeks');
  // One typed answer to a question that offers buttons, then the rest by button.
  if (await w.activeChoices.count()) await typeAndSend(page, 'no');
  const used = await answerUntilAssessment(page);
  const card = w.card.last();
  await card.scrollIntoViewIfNeeded();
  const cardText = await card.innerText();
  assert.match(cardText, /Emergency|Urgent|Routine|Self-care/, 'the level is named in words');
  assert.match(cardText, /What to do next/);
  assert.match(cardText, /diagnos/i, 'the disclaimer is shown');
  assert.ok((await card.locator('svg').count()) >= 1, 'the level has an icon');
  // Causes carry likelihood words, never a percentage (issue 10 §7).
  assert.doesNotMatch(cardText, /\d\s*%/, 'no percentage anywhere on the card');
  const likelihoods = await card.locator('.tb-cause-likelihood').allInnerTexts();
  assert.ok(likelihoods.length >= 1, 'each cause says how likely it is in words');
  for (const words of likelihoods) assert.match(words, /^[a-z][a-z ]+$/i, words);
  assert.ok(used.buttons + used.typed >= 1);
  await saveFullCard(page, card, 'assessment-card.png');
}));

test('a pressed button shows its label as the answer and disables the old buttons', () => withPage({}, async (page) => {
  const w = widget(page);
  await openChat(page);
  await typeAndSend(page, 'Both of my feet feel numb');
  let guard = 0;
  while (!(await w.activeChoices.count()) && guard++ < 5) await typeAndSend(page, 'no');
  const button = w.activeChoices.first();
  const label = (await button.innerText()).trim();
  const before = await w.userBubbles.count();
  await pressChoice(page, button);
  assert.equal((await w.userBubbles.nth(before).innerText()).replace(/^You said:\s*/, '').trim(), label);
  const disabledOld = await page.locator('[data-triagebot-widget] .tb-choices.tb-answered').count();
  assert.ok(disabledOld >= 1, 'the answered question\'s buttons are disabled');
}));

test('a reload keeps the conversation', () => withPage({}, async (page) => {
  const w = widget(page);
  await openChat(page);
  await typeAndSend(page, 'My right foot has been tingling since yesterday');
  const before = await w.log.innerText();
  const count = await w.items.count();
  await page.reload();
  if (!(await w.panel.isVisible())) await w.launcher.click();
  await w.items.nth(count - 1).waitFor();
  await settled(page);
  assert.equal(await w.items.count(), count);
  assert.equal(await w.log.innerText(), before);
  assert.match(await w.log.innerText(), /My right foot has been tingling since yesterday/);
  // And the conversation goes on from there.
  await typeAndSend(page, 'no');
  assert.ok((await w.items.count()) > count);
}));

test('start over begins a new conversation', () => withPage({}, async (page) => {
  const w = widget(page);
  await openChat(page);
  await typeAndSend(page, 'My left leg is numb');
  await page.getByRole('button', { name: 'Start over' }).click();
  await settled(page);
  await w.botItems.first().waitFor();
  assert.equal(await w.userBubbles.count(), 0);
}));

test('markup in a message is shown as text, never run', () => withPage({}, async (page, seen) => {
  const w = widget(page);
  const attack = '<img src=x onerror=alert(1)>';
  await openChat(page);
  await typeAndSend(page, attack);
  const check = async () => {
    assert.ok((await w.log.innerText()).includes(attack), 'the markup is visible as literal text');
    const images = await page.evaluate(() => {
      const host = document.querySelector('[data-triagebot-widget]');
      return document.querySelectorAll('img').length + host.shadowRoot.querySelectorAll('img').length;
    });
    assert.equal(images, 0, 'no img element was created');
    assert.deepEqual(seen.dialogs, [], 'no alert fired');
  };
  await check();
  // History comes back through GET after a reload: escaped there too.
  await page.reload();
  if (!(await w.panel.isVisible())) await w.launcher.click();
  await w.userBubbles.first().waitFor();
  await settled(page);
  await check();
}));

test('an emergency shows the emergency number as a tel: link', () => withPage({}, async (page) => {
  const w = widget(page);
  await openChat(page);
  await typeAndSend(page, 'I have bad back pain and my legs are numb; since this morning I can\'t feel the paper when I wipe and I wet myself');
  const card = w.card.last();
  await card.waitFor();
  assert.match(await card.innerText(), /Emergency/);
  const call = card.locator('a[href^="tel:"]');
  assert.equal(await call.getAttribute('href'), 'tel:' + EMERGENCY_NUMBER);
  await saveFullCard(page, card, 'emergency-card.png');
}));

test('on a phone-sized screen the panel fills the screen and works by touch', () => withPage({
  viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
}, async (page) => {
  const w = widget(page);
  await openChat(page);
  const box = await w.panel.boundingBox();
  assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, 375, 667]);
  await typeAndSend(page, 'Numb toes on both feet for months');
  let guard = 0;
  while (!(await w.activeChoices.count()) && !(await w.card.count()) && guard++ < 5) await typeAndSend(page, 'no');
  if (await w.activeChoices.count()) {
    const before = await w.botItems.count();
    await w.activeChoices.first().tap();
    await w.botItems.nth(before).waitFor();
    await settled(page);
  }
  await saveScreenshot(page, 'phone.png');
}));

test('the keyboard alone can open the chat, send a message and close it', () => withPage({}, async (page) => {
  const w = widget(page);
  // Tab through the page until the launcher has focus (bounded).
  let onLauncher = false;
  for (let i = 0; i < 20 && !onLauncher; i++) {
    await page.keyboard.press('Tab');
    onLauncher = await w.launcher.evaluate((el) => el.getRootNode().activeElement === el);
  }
  assert.ok(onLauncher, 'the launcher is reachable with Tab');
  await page.keyboard.press('Enter');
  await w.panel.waitFor({ state: 'visible' });
  await w.botItems.first().waitFor();
  await settled(page);
  assert.ok(await w.input.evaluate((el) => el.getRootNode().activeElement === el), 'focus moved into the panel');
  const before = await w.botItems.count();
  await page.keyboard.type('My left leg is numb');
  await page.keyboard.press('Enter');
  await w.botItems.nth(before).waitFor();
  await settled(page);
  assert.match(await w.log.innerText(), /My left leg is numb/);
  await page.keyboard.press('Escape');
  await w.panel.waitFor({ state: 'hidden' });
  assert.ok(await w.launcher.evaluate((el) => el.getRootNode().activeElement === el), 'focus went back to the launcher');
  assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
}));

test('a rate-limited turn is explained politely and the typed text comes back', () => withPage({}, async (page) => {
  const w = widget(page);
  const notice = page.locator('[data-triagebot-widget] .tb-notice');
  await openChat(page);
  // Answer as fast as the widget allows until the per-session limit answers 429
  // (bounded well above any configured default).
  for (let turn = 0; turn < 60; turn++) {
    const before = await w.botItems.count();
    await w.input.fill('no');
    await w.input.press('Enter');
    await Promise.race([w.botItems.nth(before).waitFor(), notice.waitFor({ state: 'visible' })]);
    await settled(page);
    if (await notice.isVisible()) break;
  }
  assert.ok(await notice.isVisible(), 'the limit was reached');
  assert.match(await notice.innerText(), /wait \d+ seconds?|wait a moment/);
  assert.equal(await notice.getAttribute('role'), 'alert');
  assert.equal(await w.input.inputValue(), 'no', 'the refused text is back in the box');
}));
