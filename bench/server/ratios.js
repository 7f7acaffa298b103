'use strict';
// The ratios bench-peers/report.js does not print, from the same runs.tsv: every target
// against its HTTP ceiling (beast_hello, or beast_hello_slack for the Slack load) and
// beast_group_full (HTTP + JSON + durable write ceiling), triagebot against the Node
// bots of its load (grammY and Telegraf for Telegram and the widget, Bolt for Slack,
// with the floor for Slack), and triagebot's cross-checks per run.
// Medians over rounds, of the runs whose status is ok.
//   node ratios.js runs.tsv [more/runs.tsv ...]
const fs = require('node:fs');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node ratios.js runs.tsv [more/runs.tsv ...]');
  process.exit(2);
}
const runs = files.flatMap((file) => {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const header = lines.shift().split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
});

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const num = (v) => (v === '' || v === '-' || v === undefined ? NaN : Number(v));
const fmt = (v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const times = (v, digits = 2) => (Number.isFinite(v) ? `${v.toFixed(digits)}×` : '-');

const order = [];
const byTarget = new Map();
for (const r of runs) {
  if (!byTarget.has(r.target)) {
    byTarget.set(r.target, []);
    order.push(r.target);
  }
  byTarget.get(r.target).push(r);
}
const stat = new Map();
for (const target of order) {
  const rs = byTarget.get(target);
  const ok = rs.filter((r) => r.status === 'ok');
  const m = (key) => median(ok.map((r) => num(r[key])));
  stat.set(target, {
    rps: m('rps'),
    p99: m('p99_ms'),
    cpu: m('cpu_us_per_req'),
    fake: m('fake_cpu_us_per_req'),
    wrk: m('wrk_cores'),
    steal: median(rs.map((r) => num(r.steal_pct))),
    rss: Math.max(...rs.map((r) => num(r.rss_mib)).filter(Number.isFinite)),
    ok: ok.length,
    rounds: rs.length,
    load: rs[0].load,
    baseline: rs[0].baseline,
  });
}
const get = (target) => stat.get(target) ?? {};

const out = [];
out.push('Against the ceilings (req/s ratio; CPU per request ratio: lower is cheaper):');
out.push('');
out.push(
  '| target | req/s | × HTTP ceiling | × beast_group_full | CPU µs/req | CPU × HTTP ceiling | CPU × beast_group_full | fake API µs/req | wrk cores | steal % | ok runs |',
);
out.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
const group = get('beast_group_full');
for (const target of order) {
  const s = get(target);
  // The HTTP ceiling under the same load: beast_hello_slack for the signed Slack events.
  const hello = get(s.load === 'slack' ? 'beast_hello_slack' : 'beast_hello');
  out.push(
    `| ${target} | ${fmt(s.rps)} | ${times(s.rps / hello.rps, 3)} | ${times(s.rps / group.rps, 3)} | ` +
      `${fmt(s.cpu, 1)} | ${times(s.cpu / hello.cpu)} | ${times(s.cpu / group.cpu)} | ${fmt(s.fake, 1)} | ` +
      `${fmt(s.wrk, 2)} | ${fmt(s.steal, 1)} | ${s.ok}/${s.rounds} |`,
  );
}

const ours = order.filter((t) => t.startsWith('triagebot') && get(t).ok);
// The peers that ran the same load (the widget has none: it is set beside the Telegram bots).
const peersOf = (t) =>
  (get(t).load === 'slack' ? ['bolt'] : ['grammy_api', 'telegraf']).filter((p) => get(p).ok);
if (ours.some((t) => peersOf(t).length)) {
  out.push('');
  out.push(
    'triagebot against the Node bots (req/s: ours over theirs; CPU/req and RSS: theirs over ours, so > 1 means triagebot is cheaper):',
  );
  out.push('');
  out.push('| triagebot target | peer | req/s × | CPU/req × cheaper | peak RSS × smaller | p99 ms ours / theirs |');
  out.push('|---|---|--:|--:|--:|--:|');
  for (const t of ours) {
    for (const p of peersOf(t)) {
      const a = get(t);
      const b = get(p);
      out.push(
        `| ${t} | ${p} | ${times(a.rps / b.rps)} | ${times(b.cpu / a.cpu)} | ${times(b.rss / a.rss, 1)} | ` +
          `${fmt(a.p99, 2)} / ${fmt(b.p99, 2)} |`,
      );
    }
  }
}

// Issue 12's floor: the Slack target acknowledges at least 4× Bolt's events/s.
if (get('triagebot_slack').ok && get('bolt').ok) {
  const ratio = get('triagebot_slack').rps / get('bolt').rps;
  out.push('');
  out.push(
    `Slack floor (issue 12: at least 4× Bolt's events/s): triagebot_slack ${fmt(get('triagebot_slack').rps)} ` +
      `against bolt ${fmt(get('bolt').rps)} events/s = ${times(ratio)}, ${ratio >= 4 ? 'met' : 'NOT met'}.`,
  );
}

// Issue 13's "delivery keeps up": unpaced, the replies delivered to the fake Bot API per
// second over the measured window (checks.inc notes them as delivered/s=) are at least
// the updates acknowledged per second.
const deliveredPerSecond = (r) => num((/delivered\/s=([0-9.]+)/.exec(r.notes) ?? [])[1]);
if (get('triagebot_unpaced').ok) {
  const unpaced = get('triagebot_unpaced');
  const delivered = median(
    byTarget.get('triagebot_unpaced').filter((r) => r.status === 'ok').map(deliveredPerSecond),
  );
  const ratio = delivered / unpaced.rps;
  out.push('');
  out.push(
    `Delivery (issue 13: unpaced, replies delivered per second at least the updates acknowledged): ` +
      `triagebot_unpaced ${fmt(delivered)} replies/s delivered against ${fmt(unpaced.rps)} updates/s = ` +
      `${times(ratio)}, ${ratio >= 1 ? 'keeps up' : 'FALLS BEHIND'}.`,
  );
}

const checks = runs.filter((r) => r.target.startsWith('triagebot'));
if (checks.length) {
  out.push('');
  out.push('Cross-checks of the triagebot runs (database read after the server drained and exited):');
  out.push('');
  for (const r of checks) {
    out.push(`- round ${r.round}, ${r.target}: ${r.status}; non-2xx ${r.non2xx}, socket errors ${r.sockerr}; ${r.notes}`);
  }
}
process.stdout.write(`${out.join('\n')}\n`);
