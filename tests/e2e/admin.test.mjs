// The review page in a real browser against the real server (issue 14): the statistics
// header agrees with the stats API and moves when a verdict is saved, and the "Not yet
// reviewed" filter is the queue of conversations nobody has given a verdict on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, openPage, openChat, typeAndSend } from './support.mjs';

const TOKEN = process.env.TRIAGEBOT_E2E_ADMIN_TOKEN;
if (!TOKEN) throw new Error('TRIAGEBOT_E2E_ADMIN_TOKEN is not set: run these through tests/e2e/run.sh');

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function adminApi(path) {
  const response = await fetch(BASE_URL + path, { headers: { Authorization: 'Bearer ' + TOKEN } });
  assert.equal(response.status, 200, path);
  return response.json();
}

// A conversation through the widget, as a person would have it; returns its id, found
// by a word only it contains.
async function converse(text, marker) {
  const { context, page } = await openPage(browser);
  try {
    await openChat(page);
    await typeAndSend(page, text);
  } finally {
    await context.close();
  }
  // The text search covers a message a moment after it is stored (the search index is
  // filled in the background): polled, with a deadline.
  const deadline = Date.now() + 20000;
  for (;;) {
    const found = await adminApi('/admin/api/conversations?q=' + encodeURIComponent(marker));
    if (found.conversations.length > 0 || Date.now() > deadline) {
      assert.equal(found.conversations.length, 1, marker);
      return found.conversations[0].id;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function signIn(page) {
  await page.goto(BASE_URL + '/admin');
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#list-body tr').first().waitFor();
}

function figure(page, id) {
  return page.locator('#' + id + ' dd');
}

async function listedIds(page) {
  await page.locator('#status').filter({ hasText: /shown/ }).waitFor();
  return page.locator('#list-body tr').evaluateAll((rows) => rows.map((row) => Number(row.dataset.id)));
}

async function applyReviewFilter(page, value) {
  await page.locator('#status').filter({ hasText: /shown/ }).waitFor();
  await page.getByLabel('Review', { exact: true }).selectOption(value);
  const answered = page.waitForResponse((r) => r.url().includes('/admin/api/conversations?') &&
    r.url().includes('verdict=' + value));
  await page.getByRole('button', { name: 'Apply' }).click();
  await answered;
  return listedIds(page);
}

test('the stats header and the not-yet-reviewed queue follow the verdicts', async () => {
  const emergency = await converse(
    'my left leg went numb and then suddenly my arm went weak and my face is drooping zqreview', 'zqreview');
  const waiting = await converse('hello, my toes feel odd qzwaiting', 'qzwaiting');

  const { context, page, seen } = await openPage(browser);
  try {
    await signIn(page);
    // The header shows what the API counts, under-triage first.
    const stats = await adminApi('/admin/api/stats');
    await assert.doesNotReject(figure(page, 'stat-conversations').filter({ hasText: String(stats.conversations) }).waitFor());
    assert.equal(await figure(page, 'stat-under-triage').innerText(), String(stats.under_triage));
    const firstFigure = await page.locator('#stats-figures dt').first().innerText();
    assert.match(firstFigure, /under-triaged/i);
    assert.ok(stats.conversations >= 2);

    // Both new conversations wait for review.
    let queue = await applyReviewFilter(page, 'none');
    assert.ok(queue.includes(emergency) && queue.includes(waiting), JSON.stringify(queue));

    // An under-triage verdict through the page: the header counts it at once.
    await page.locator(`tr[data-id="${emergency}"] .row-open`).click();
    await page.getByLabel('Under-triaged (not urgent enough)').check();
    await page.getByLabel('Your name').fill('Dr E2E');
    await page.getByRole('button', { name: 'Save verdict' }).click();
    await page.locator('#verdict-status').filter({ hasText: 'Verdict saved.' }).waitFor();
    await figure(page, 'stat-under-triage').filter({ hasText: String(stats.under_triage + 1) }).waitFor();
    await figure(page, 'stat-verdicts').filter({ hasText: String(stats.verdict_total + 1) }).waitFor();

    // It leaves the queue; the other one stays. The under-triage filter finds it.
    queue = await applyReviewFilter(page, 'none');
    assert.ok(!queue.includes(emergency), 'a reviewed conversation leaves the queue');
    assert.ok(queue.includes(waiting));
    const flagged = await applyReviewFilter(page, 'under_triage');
    assert.ok(flagged.includes(emergency));
    assert.ok(!flagged.includes(waiting));
    assert.deepEqual(seen.errors, [], 'no script errors on the page');
    assert.deepEqual(seen.blocked, [], 'nothing refused by the Content-Security-Policy');
  } finally {
    await context.close();
  }
});
