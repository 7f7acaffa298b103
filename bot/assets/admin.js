/*
 * triagebot conversation review page (served at /admin).
 *
 * Plain script, no external requests. The admin token lives in sessionStorage only
 * (gone when the tab closes) and travels as `Authorization: Bearer` on API calls.
 * Everything shown comes from people's messages, so the DOM is built with
 * createElement + textContent only; no data is ever parsed as HTML.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'triagebot.admin.token';
  var REVIEWER_KEY = 'triagebot.admin.reviewer';
  var API = '/admin/api/conversations';

  // Triage levels get a word and a shape as well as a colour (readable in greyscale).
  var LEVELS = {
    emergency: { word: 'Emergency', mark: '\u25B2' },
    urgent: { word: 'Urgent', mark: '\u25C6' },
    routine: { word: 'Routine', mark: '\u25CF' },
    self_care: { word: 'Self-care', mark: '\u25CB' }
  };
  var VERDICTS = {
    agree: 'Agree',
    over_triage: 'Over-triaged',
    under_triage: 'Under-triaged',
    wrong_causes: 'Wrong causes',
    other: 'Other'
  };
  var PLATFORMS = { telegram: 'Telegram', slack: 'Slack', widget: 'Web widget' };

  var $ = function (id) { return document.getElementById(id); };
  var state = { cursor: null, query: '', openId: null, loading: false };

  // el('p', {class: 'x', text: 'y'}, child...): text is always set as textContent.
  function el(tag, props) {
    var node = document.createElement(tag);
    var key;
    props = props || {};
    for (key in props) {
      if (!Object.prototype.hasOwnProperty.call(props, key)) continue;
      if (key === 'text') node.textContent = props[key];
      else if (key === 'class') node.className = props[key];
      else node.setAttribute(key, props[key]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function token() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }

  // Shown in the reviewer's own time zone; the exact UTC instant is the tooltip.
  function when(iso) {
    var date = new Date(iso);
    var shown = isNaN(date.getTime()) ? String(iso)
      : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    return el('time', { datetime: String(iso), title: String(iso), text: shown });
  }

  function triageBadge(level) {
    var info = LEVELS[level];
    if (!info) return el('span', { class: 'badge badge-none', text: 'Not assessed' });
    return el('span', { class: 'badge badge-' + level },
      el('span', { 'aria-hidden': 'true', text: info.mark + ' ' }), info.word);
  }

  function flagList(flags) {
    if (!flags || !flags.length) return el('span', { class: 'muted', text: 'None' });
    var list = el('ul', { class: 'flags' });
    flags.forEach(function (flag) { list.appendChild(el('li', { class: 'flag', text: flag })); });
    return list;
  }

  function showError(message) { $('error').textContent = message || ''; }
  function showStatus(message) { $('status').textContent = message || ''; }

  // ---- API -----------------------------------------------------------------------

  function api(path, options) {
    options = options || {};
    var headers = { Authorization: 'Bearer ' + token() };
    if (options.body) headers['Content-Type'] = 'application/json';
    return fetch(path, {
      method: options.method || 'GET',
      headers: headers,
      body: options.body ? JSON.stringify(options.body) : undefined,
      cache: 'no-store',
      credentials: 'omit'
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
        if (response.status === 401) {
          signOut('The admin token was not accepted. Please sign in again.');
          throw new Error('Not signed in.');
        }
        if (!response.ok) {
          var message = body && typeof body.message === 'string' ? body.message : 'HTTP ' + response.status;
          throw new Error(message);
        }
        return body;
      });
    });
  }

  // ---- the list ------------------------------------------------------------------

  function filterQuery() {
    var params = new URLSearchParams();
    var form = $('filters');
    ['platform', 'triage', 'red_flag', 'safety', 'verdict'].forEach(function (name) {
      if (form.elements[name].value) params.set(name, form.elements[name].value);
    });
    // Dates are whole UTC days; "to" includes its day, so the bound is the next midnight.
    var since = $('f-since').value;
    var until = $('f-until').value;
    if (since) params.set('since', since + 'T00:00:00Z');
    if (until) {
      var end = new Date(until + 'T00:00:00Z');
      end.setUTCDate(end.getUTCDate() + 1);
      params.set('until', end.toISOString());
    }
    var q = $('f-q').value.trim();
    if (q) params.set('q', q);
    params.set('limit', '50');
    return params.toString();
  }

  function summaryRow(summary) {
    var open = el('button', { type: 'button', class: 'row-open',
      'aria-label': 'Open conversation ' + summary.id + ', started ' + new Date(summary.started_at).toLocaleString() },
      when(summary.started_at));
    open.addEventListener('click', function () { openConversation(summary.id); });
    var verdicts = summary.verdicts || [];
    var verdictCell = verdicts.length
      ? el('span', { text: verdicts.map(function (v) { return VERDICTS[v.verdict] || v.verdict; }).join(', ') })
      : el('span', { class: 'muted', text: 'Not reviewed' });
    var row = el('tr', { 'data-id': String(summary.id) },
      el('td', null, open),
      el('td', { text: PLATFORMS[summary.platform] || summary.platform }),
      el('td', null, triageBadge(summary.triage)),
      el('td', null, flagList(summary.red_flags)),
      el('td', null, flagList(summary.safety)),
      el('td', { class: 'num', text: String(summary.message_count) }),
      el('td', null, verdictCell));
    if (summary.id === state.openId) row.className = 'selected';
    return row;
  }

  function loadPage(reset) {
    if (state.loading) return;
    state.loading = true;
    showError('');
    if (reset) {
      state.query = filterQuery();
      state.cursor = null;
    }
    var path = API + '?' + state.query + (state.cursor ? '&cursor=' + encodeURIComponent(state.cursor) : '');
    showStatus('Loading\u2026');
    api(path).then(function (body) {
      var tbody = $('list-body');
      if (reset) clear(tbody);
      body.conversations.forEach(function (summary) { tbody.appendChild(summaryRow(summary)); });
      state.cursor = body.next_cursor;
      $('more').hidden = !state.cursor;
      $('empty').hidden = tbody.rows.length > 0;
      showStatus(tbody.rows.length + ' conversation' + (tbody.rows.length === 1 ? '' : 's') +
        ' shown' + (state.cursor ? '; more are available.' : '.'));
    }).catch(function (error) {
      showStatus('');
      showError(error.message);
    }).then(function () { state.loading = false; });
  }

  // ---- the statistics header ------------------------------------------------------

  function percent(rate) {
    return typeof rate === 'number' ? (rate * 100).toFixed(1) + '%' : '\u2013';
  }

  function seconds(millis) {
    return typeof millis === 'number' ? (millis / 1000).toFixed(1) + ' s' : '\u2013';
  }

  // Under-triage first: a missed emergency is what a reviewer must see before the rest.
  function renderStats(stats) {
    var figures = $('stats-figures');
    clear(figures);
    var questions = stats.questions_to_assessment || {};
    var emergency = stats.emergency_after_ms || {};
    var triage = stats.triage || {};
    [
      ['Under-triaged', String(stats.under_triage), 'stat-under-triage'],
      ['Conversations', String(stats.conversations), 'stat-conversations'],
      ['Completed', percent(stats.completion_rate), 'stat-completion'],
      ['Emergencies', String(triage.emergency || 0), 'stat-emergencies'],
      ['Questions to assessment (median / p90)',
        (questions.median === null || questions.median === undefined ? '\u2013' : questions.median) + ' / ' +
        (questions.p90 === null || questions.p90 === undefined ? '\u2013' : questions.p90), 'stat-questions'],
      ['Time to emergency guidance (median)', seconds(emergency.median), 'stat-emergency-time'],
      ['Verdicts', String(stats.verdict_total), 'stat-verdicts'],
      ['Agreement', percent(stats.agreement_rate), 'stat-agreement']
    ].forEach(function (figure) {
      var group = el('div', { class: 'stat', id: figure[2] });
      group.appendChild(el('dt', { text: figure[0] }));
      group.appendChild(el('dd', { text: figure[1] }));
      figures.appendChild(group);
    });
  }

  function loadStats() {
    api('/admin/api/stats').then(renderStats).catch(function (error) { showError(error.message); });
  }

  // ---- one conversation ----------------------------------------------------------

  function assessmentCard(assessment, title) {
    var card = el('section', { class: 'card card-' + (LEVELS[assessment.triage] ? assessment.triage : 'none'),
      'aria-label': 'Assessment' });
    card.appendChild(el('h4', null, title || 'Assessment: ', triageBadge(assessment.triage)));
    var causes = assessment.causes || [];
    if (causes.length) {
      var list = el('ol', { class: 'causes' });
      causes.forEach(function (cause) {
        var score = typeof cause.score === 'number' ? Math.round(cause.score * 100) + '%' : '';
        var item = el('li', null,
          el('span', { class: 'cause-name', text: cause.name || cause.id }),
          el('span', { class: 'score', text: score ? ' \u2014 ' + score : '' }),
          el('span', { class: 'muted', text: ' (' + cause.id + ')' }));
        if (cause.why && cause.why.length) {
          var why = el('ul', { class: 'why' });
          cause.why.forEach(function (reason) { why.appendChild(el('li', { text: reason })); });
          item.appendChild(why);
        }
        list.appendChild(item);
      });
      card.appendChild(list);
    }
    card.appendChild(el('p', null, el('strong', { text: 'Red flags: ' }), flagList(assessment.red_flags)));
    return card;
  }

  function messageItem(message) {
    var from = message.from === 'user' ? 'user' : 'bot';
    var item = el('li', { class: 'turn turn-' + from },
      el('div', { class: 'turn-head' },
        el('span', { class: 'who', text: from === 'user' ? 'Person' : 'Bot' }), ' \u00B7 ', when(message.at)),
      el('p', { class: 'turn-text', text: message.text }));
    if (message.choices && message.choices.length) {
      var choices = el('ul', { class: 'choices', 'aria-label': 'Choices offered' });
      message.choices.forEach(function (choice) {
        choices.appendChild(el('li', { class: 'choice-chip', title: choice.id, text: choice.label }));
      });
      item.appendChild(choices);
    }
    if (message.assessment) item.appendChild(assessmentCard(message.assessment));
    return item;
  }

  function renderDetail(detail) {
    $('detail-title').textContent = 'Conversation ' + detail.id;
    var summary = $('detail-summary');
    clear(summary);
    var pairs = [
      ['Platform', PLATFORMS[detail.platform] || detail.platform],
      ['Status', detail.status],
      ['Started', when(detail.started_at)],
      ['Last activity', when(detail.updated_at)],
      ['Triage', triageBadge(detail.triage)],
      ['Red flags', flagList(detail.red_flags)],
      ['Safety events', flagList(detail.safety)]
    ];
    pairs.forEach(function (pair) {
      summary.appendChild(el('dt', { text: pair[0] }));
      summary.appendChild(el('dd', null, pair[1]));
    });
    var assessment = $('assessment');
    clear(assessment);
    if (detail.assessment) assessment.appendChild(assessmentCard(detail.assessment, 'Latest assessment: '));
    else assessment.appendChild(el('p', { class: 'muted', text: 'The bot gave no assessment in this conversation.' }));
    var transcript = $('transcript');
    clear(transcript);
    (detail.messages || []).forEach(function (message) { transcript.appendChild(messageItem(message)); });
    var verdicts = $('verdicts');
    clear(verdicts);
    if (!detail.verdicts || !detail.verdicts.length) {
      verdicts.appendChild(el('li', { class: 'muted', text: 'No verdicts yet.' }));
    }
    (detail.verdicts || []).forEach(function (v) {
      verdicts.appendChild(el('li', null,
        el('strong', { text: VERDICTS[v.verdict] || v.verdict }), ' by ', v.reviewer, ', ', when(v.at),
        v.note ? el('p', { class: 'note', text: v.note }) : null));
    });
  }

  function markSelected() {
    Array.prototype.forEach.call($('list-body').rows, function (row) {
      row.className = row.getAttribute('data-id') === String(state.openId) ? 'selected' : '';
    });
  }

  function openConversation(id) {
    showError('');
    api(API + '/' + encodeURIComponent(id)).then(function (detail) {
      state.openId = detail.id;
      renderDetail(detail);
      $('verdict-form').reset();
      $('v-reviewer').value = sessionStorage.getItem(REVIEWER_KEY) || '';
      $('verdict-status').textContent = '';
      $('detail').hidden = false;
      markSelected();
      $('detail').focus();
    }).catch(function (error) { showError(error.message); });
  }

  function closeDetail() {
    var id = state.openId;
    state.openId = null;
    $('detail').hidden = true;
    markSelected();
    var row = document.querySelector('tr[data-id="' + String(Number(id)) + '"] .row-open');
    if (row) row.focus();
  }

  function submitVerdict(event) {
    event.preventDefault();
    var form = $('verdict-form');
    var chosen = form.querySelector('input[name="verdict"]:checked');
    var reviewer = $('v-reviewer').value.trim();
    if (!chosen || !reviewer) {
      $('verdict-status').textContent = 'Choose a verdict and give your name.';
      return;
    }
    try { sessionStorage.setItem(REVIEWER_KEY, reviewer); } catch (e) { /* private mode */ }
    var id = state.openId;
    $('verdict-status').textContent = 'Saving\u2026';
    api(API + '/' + encodeURIComponent(id) + '/verdicts', {
      method: 'POST',
      body: { verdict: chosen.value, note: $('v-note').value, reviewer: reviewer }
    }).then(function () {
      $('verdict-status').textContent = 'Verdict saved.';
      loadStats();
      return api(API + '/' + encodeURIComponent(id));
    }).then(function (detail) {
      renderDetail(detail);
      form.reset();
      $('v-reviewer').value = reviewer;
      var row = document.querySelector('tr[data-id="' + String(Number(id)) + '"]');
      if (row) row.parentNode.replaceChild(summaryRow(detail), row);
    }).catch(function (error) { $('verdict-status').textContent = 'Not saved: ' + error.message; });
  }

  // ---- signing in and out --------------------------------------------------------

  function signOut(message) {
    try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* private mode */ }
    clear($('list-body'));
    $('detail').hidden = true;
    $('review').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
    $('token').value = '';
    $('token').focus();
  }

  function signedIn() {
    $('sign-in').hidden = true;
    $('review').hidden = false;
    $('sign-out').hidden = false;
    loadStats();
    loadPage(true);
  }

  function start() {
    $('sign-in-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var value = $('token').value.trim();
      if (!value) return;
      try { sessionStorage.setItem(TOKEN_KEY, value); } catch (e) { /* private mode */ }
      $('token').value = '';
      signedIn();
    });
    $('sign-out').addEventListener('click', function () { signOut(''); });
    $('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      loadPage(true);
    });
    $('filters').addEventListener('reset', function () { setTimeout(function () { loadPage(true); }, 0); });
    $('more').addEventListener('click', function () { loadPage(false); });
    $('close-detail').addEventListener('click', closeDetail);
    $('detail').addEventListener('keydown', function (event) {
      if (event.key === 'Escape') closeDetail();
    });
    $('verdict-form').addEventListener('submit', submitVerdict);
    if (token()) signedIn();
    else signOut('');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
