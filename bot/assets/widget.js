/*
 * triagebot chat widget — embed with one tag:
 *
 *   <script src="https://bot.example/widget.js" defer></script>
 *
 * Optional attributes on that tag:
 *   data-title="Leg numbness check"   name of the chat (launcher text, dialog label)
 *   data-open="true"                  open the panel as soon as the page loads
 *
 * Any element on the host page with a `data-triagebot-open` attribute opens the chat
 * when clicked, so pages need no script of their own. `window.triagebot.open()` and
 * `.close()` do the same from code.
 *
 * Plain JavaScript, no framework, no build step, no requests to anyone but the bot's
 * own server. Everything the bot or the person wrote is put on screen with textContent,
 * never parsed as HTML. The UI lives in a shadow root, so the host page's CSS cannot
 * reach it and ours cannot leak out.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  // currentScript is null only when this file is run some other way than a <script>
  // element (e.g. eval); without it we cannot know the bot's origin.
  if (!script || !script.src || window.triagebot) return;

  var BOT_ORIGIN = new URL(script.src, window.location.href).origin;
  var API = BOT_ORIGIN + '/api/widget/sessions';
  var TITLE = script.getAttribute('data-title') || 'Leg numbness check';
  var OPEN_ON_LOAD = script.getAttribute('data-open') === 'true';
  // One stored session per bot origin, in case a page embeds two different bots.
  var STORAGE_KEY = 'triagebot.session:' + BOT_ORIGIN;
  var OPEN_KEY = 'triagebot.open:' + BOT_ORIGIN;
  var MAX_TEXT = 2000;

  var LEVELS = {
    emergency: { word: 'Emergency', hint: 'Act now: hours matter.', icon: 'octagon' },
    urgent: { word: 'Urgent', hint: 'Be seen by a clinician within 24 hours.', icon: 'triangle' },
    routine: { word: 'Routine', hint: 'Book a doctor\u2019s appointment in the coming days.', icon: 'circle' },
    self_care: { word: 'Self-care', hint: 'Look after it at home; see a doctor if it lasts or worsens.', icon: 'check' }
  };
  var FALLBACK_DISCLAIMER =
    'This is information, not a diagnosis, and it does not replace a clinician who can examine you.';

  /* ------------------------------------------------------------------ state */

  var state = {
    session: null,     // {id, token} once a conversation exists
    started: false,    // a session was created or restored for this page view
    busy: false,       // a request is in flight; one turn at a time keeps order obvious
    open: false,
    retry: null,       // what "Try again" repeats after a failed request
    focusChoices: false // a button was pressed: focus the next question's buttons
  };
  var ui = {};

  /* --------------------------------------------------------------- storage */

  // localStorage can be missing or throw (private mode, blocked cookies); the widget
  // still works then, it just forgets the conversation on reload.
  function storageGet(store, key) {
    try { return window[store].getItem(key); } catch (e) { return null; }
  }
  function storageSet(store, key, value) {
    try {
      if (value === null) window[store].removeItem(key); else window[store].setItem(key, value);
    } catch (e) { /* storage unavailable: nothing to keep */ }
  }
  function loadSession() {
    var raw = storageGet('localStorage', STORAGE_KEY);
    if (!raw) return null;
    try {
      var s = JSON.parse(raw);
      return s && typeof s.id === 'string' && typeof s.token === 'string' ? s : null;
    } catch (e) { return null; }
  }
  function saveSession(session) {
    storageSet('localStorage', STORAGE_KEY, session ? JSON.stringify(session) : null);
  }

  /* ------------------------------------------------------------ DOM helpers */

  // el('div', {class: 'x', 'aria-label': 'y'}, [children]) — attributes are set with
  // setAttribute and children are nodes or strings (made into text nodes), so no
  // string is ever parsed as markup.
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === false || value === null || value === undefined) return;
        if (name === 'text') node.textContent = value;
        else if (name.slice(0, 2) === 'on') node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? '' : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  var SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(viewBox, shapes) {
    var root = document.createElementNS(SVG_NS, 'svg');
    root.setAttribute('viewBox', viewBox);
    root.setAttribute('aria-hidden', 'true');
    root.setAttribute('focusable', 'false');
    shapes.forEach(function (shape) {
      var node = document.createElementNS(SVG_NS, shape[0]);
      Object.keys(shape[1]).forEach(function (k) { node.setAttribute(k, shape[1][k]); });
      root.appendChild(node);
    });
    return root;
  }

  // Icons differ in shape, not only colour, so the triage level reads in greyscale too.
  var ICONS = {
    chat: function () {
      return svg('0 0 24 24', [['path', { d: 'M4 4h16v12H8l-4 4z', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linejoin': 'round' }]]);
    },
    close: function () {
      return svg('0 0 24 24', [['path', { d: 'M6 6l12 12M18 6L6 18', stroke: 'currentColor', 'stroke-width': '2.5', 'stroke-linecap': 'round' }]]);
    },
    octagon: function () {
      return svg('0 0 24 24', [
        ['path', { d: 'M8 2h8l6 6v8l-6 6H8l-6-6V8z', fill: 'currentColor' }],
        ['path', { d: 'M12 6v8M12 17v1.5', stroke: '#fff', 'stroke-width': '2.5', 'stroke-linecap': 'round' }]
      ]);
    },
    triangle: function () {
      return svg('0 0 24 24', [
        ['path', { d: 'M12 2l11 20H1z', fill: 'currentColor' }],
        ['path', { d: 'M12 9v6M12 18v1', stroke: '#fff', 'stroke-width': '2.5', 'stroke-linecap': 'round' }]
      ]);
    },
    circle: function () {
      return svg('0 0 24 24', [
        ['circle', { cx: '12', cy: '12', r: '11', fill: 'currentColor' }],
        ['path', { d: 'M12 11v7M12 6.5v1', stroke: '#fff', 'stroke-width': '2.5', 'stroke-linecap': 'round' }]
      ]);
    },
    check: function () {
      return svg('0 0 24 24', [
        ['circle', { cx: '12', cy: '12', r: '11', fill: 'currentColor' }],
        ['path', { d: 'M6.5 12.5l3.5 3.5 7.5-8', fill: 'none', stroke: '#fff', 'stroke-width': '2.5', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }]
      ]);
    },
    phone: function () {
      return svg('0 0 24 24', [['path', { d: 'M6.6 10.8a15 15 0 006.6 6.6l2.2-2.2a1 1 0 011-.25 11.4 11.4 0 003.6.57 1 1 0 011 1V20a1 1 0 01-1 1A17 17 0 013 4a1 1 0 011-1h3.5a1 1 0 011 1c0 1.25.2 2.45.57 3.57a1 1 0 01-.25 1z', fill: 'currentColor' }]]);
    }
  };

  /* ------------------------------------------------------------------- HTTP */

  // One request to the bot. Resolves {status, body, retryAfter}; rejects only when the
  // network failed (no answer at all).
  function request(method, url, token, body) {
    var headers = {};
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(url, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',   // the token is the only credential; no cookies cross sites
      cache: 'no-store'
    }).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return {
          status: response.status,
          body: parsed,
          retryAfter: parseInt(response.headers.get('Retry-After') || '', 10)
        };
      });
    });
  }

  function messagesOf(answer) {
    return answer.body && Array.isArray(answer.body.messages) ? answer.body.messages : [];
  }

  /* ------------------------------------------------------- session lifecycle */

  function startNewSession() {
    if (state.busy) return;
    saveSession(null);
    state.session = null;
    state.started = false;
    clearLog();
    send(function () { return request('POST', API); }, startNewSession, function (answer) {
      if (answer.status !== 201 || !answer.body || typeof answer.body.session_id !== 'string') {
        return false;
      }
      state.session = { id: answer.body.session_id, token: answer.body.token };
      saveSession(state.session);
      state.started = true;
      renderMessages(messagesOf(answer));
      return true;
    });
  }

  // After a reload: fetch the whole history with the stored token. A session the
  // server no longer knows (401/404, e.g. after /forget) simply starts over.
  function restoreSession(session) {
    state.session = session;
    send(function () {
      return request('GET', messagesUrl(), session.token);
    }, function () { restoreSession(session); }, function (answer) {
      if (answer.status === 401 || answer.status === 404) {
        startNewSession();
        return true;
      }
      if (answer.status !== 200) return false;
      state.started = true;
      clearLog();
      renderMessages(messagesOf(answer));
      return true;
    });
  }

  function ensureStarted() {
    if (state.started || state.busy) return;
    var stored = loadSession();
    if (stored) restoreSession(stored); else startNewSession();
  }

  function messagesUrl() {
    return API + '/' + encodeURIComponent(state.session.id) + '/messages';
  }

  // The person's turn is shown at once (it feels instant); if the server does not take
  // it, the bubble goes away again and the buttons or typed text come back, so what is
  // on screen is always what the server has.
  function sendTurn(turn, shownAs) {
    if (state.busy || !state.session) return;
    var group = lastChoiceGroup();
    disableChoices();
    var bubble = appendMessage({ from: 'user', text: shownAs });
    function undo() {
      if (bubble.parentNode) bubble.parentNode.removeChild(bubble);
      if (group) setGroupDisabled(group, false);
      if (turn.text !== undefined && !ui.input.value) ui.input.value = turn.text;
    }
    send(function () {
      return request('POST', messagesUrl(), state.session.token, turn);
    }, function () { undo(); sendTurn(turn, shownAs); }, function (answer) {
      if (answer.status === 401 || answer.status === 404) {
        saveSession(null);
        showNotice('This conversation is no longer on the server. You can start a new one.', {
          label: 'Start a new conversation', action: startNewSession
        });
        return true;
      }
      if (answer.status !== 200) { undo(); return false; }
      renderMessages(messagesOf(answer));
      return true;
    }, undo);
  }

  // Runs one request with the typing indicator on. `handle` returns true when it dealt
  // with the answer, false to fall through to the polite error messages; `retry` is what
  // "Try again" does; `onNetworkError` undoes what was shown optimistically.
  function send(makeRequest, retry, handle, onNetworkError) {
    state.busy = true;
    state.retry = retry;
    clearNotice();
    setTyping(true);
    makeRequest().then(function (answer) {
      finish();
      if (!handle(answer)) showHttpError(answer);
    }, function () {
      finish();
      if (onNetworkError) onNetworkError();
      showNotice('I couldn\u2019t reach the server. Check your connection and try again.', {
        label: 'Try again', action: retryLast
      });
    });
  }

  function finish() {
    state.busy = false;
    setTyping(false);
  }

  function retryLast() {
    if (state.retry && !state.busy) state.retry();
  }

  function showHttpError(answer) {
    var wait = answer.retryAfter > 0 ? answer.retryAfter : null;
    if (answer.status === 429) {
      showNotice('That was a lot of messages at once. Please wait ' +
        (wait ? wait + (wait === 1 ? ' second' : ' seconds') : 'a moment') + ' and try again.',
        { label: 'Try again', action: retryLast });
    } else if (answer.status === 503) {
      showNotice('The service is busy right now. Please try again in ' +
        (wait ? wait + (wait === 1 ? ' second.' : ' seconds.') : 'a moment.'),
        { label: 'Try again', action: retryLast });
    } else if (answer.status === 400 && answer.body && typeof answer.body.message === 'string') {
      showNotice('The message could not be sent: ' + answer.body.message + '.');
    } else {
      showNotice('Something went wrong (error ' + answer.status + '). Please try again.',
        { label: 'Try again', action: retryLast });
    }
  }

  /* --------------------------------------------------------------- rendering */

  function clearLog() {
    while (ui.log.firstChild) ui.log.removeChild(ui.log.firstChild);
  }

  function renderMessages(messages) {
    messages.forEach(function (message) { appendMessage(message); });
    // Only the newest message's buttons can still be answered; history shows the rest
    // greyed out.
    var groups = ui.log.querySelectorAll('.tb-choices');
    var last = ui.log.lastElementChild;
    for (var i = 0; i < groups.length; i++) {
      if (!last || !last.contains(groups[i])) setGroupDisabled(groups[i], true);
    }
    scrollToEnd();
    moveFocusAfterAnswer();
  }

  function appendMessage(message) {
    var from = message.from === 'user' ? 'user' : 'bot';
    var text = typeof message.text === 'string' ? message.text : '';
    var item = el('div', { class: 'tb-item tb-from-' + from });
    // Spoken, not shown: who said it. The space lives inside the hidden span so the
    // bubble (white-space: pre-wrap) does not start with one.
    var who = el('span', { class: 'tb-sr', text: from === 'user' ? 'You said: ' : 'Assistant: ' });
    if (message.assessment && typeof message.assessment === 'object') {
      item.appendChild(who);
      item.appendChild(assessmentCard(message.assessment, text));
    } else {
      item.appendChild(el('p', { class: 'tb-bubble' }, [who, text]));
    }
    if (Array.isArray(message.choices) && message.choices.length) {
      item.appendChild(choiceGroup(message.choices));
    }
    ui.log.appendChild(item);
    scrollToEnd();
    return item;
  }

  function choiceGroup(choices) {
    var group = el('div', { class: 'tb-choices', role: 'group', 'aria-label': 'Answer choices' });
    choices.forEach(function (choice) {
      if (!choice || typeof choice.id !== 'string') return;
      var label = typeof choice.label === 'string' ? choice.label : choice.id;
      group.appendChild(el('button', {
        type: 'button',
        class: 'tb-choice',
        text: label,
        onclick: function (event) {
          if (state.busy) return;
          event.currentTarget.classList.add('tb-chosen');
          state.focusChoices = true;
          sendTurn({ choice: choice.id }, label);
        }
      }));
    });
    return group;
  }

  function setGroupDisabled(group, disabled) {
    var buttons = group.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = disabled;
    group.classList.toggle('tb-answered', disabled);
  }

  function disableChoices() {
    var groups = ui.log.querySelectorAll('.tb-choices');
    for (var i = 0; i < groups.length; i++) setGroupDisabled(groups[i], true);
  }

  function lastChoiceGroup() {
    var groups = ui.log.querySelectorAll('.tb-choices:not(.tb-answered)');
    return groups.length ? groups[groups.length - 1] : null;
  }

  // A pressed button becomes disabled, which drops focus to <body>. Put it where a
  // keyboard user expects it: on the next question's buttons after a button answer,
  // else in the text box (where it already is after a typed answer).
  function moveFocusAfterAnswer() {
    var wantChoices = state.focusChoices;
    state.focusChoices = false;
    if (!state.open) return;
    var group = lastChoiceGroup();
    if (wantChoices && group) group.querySelector('button').focus();
    else if (ui.root.activeElement !== ui.input) ui.input.focus();
  }

  /* ---------------------------------------------------------- the assessment */

  function assessmentCard(assessment, text) {
    var level = LEVELS[assessment.triage] ? assessment.triage : 'routine';
    var info = LEVELS[level];
    var causes = Array.isArray(assessment.causes) ? assessment.causes : [];
    var sections = splitAssessmentText(text, causes);
    var card = el('section', { class: 'tb-card tb-level-' + level, 'aria-label': 'Assessment: ' + info.word });

    card.appendChild(el('div', { class: 'tb-level' }, [
      ICONS[info.icon](),
      el('div', {}, [
        el('p', { class: 'tb-level-word', text: info.word }),
        el('p', { class: 'tb-level-hint', text: info.hint })
      ])
    ]));

    if (level === 'emergency') card.appendChild(emergencyCall(text));

    if (causes.length) {
      card.appendChild(el('h3', { text: level === 'emergency' ? 'What it could be' : 'What could explain it' }));
      card.appendChild(el('ol', { class: 'tb-causes' }, causes.slice(0, 5).map(causeItem)));
    }

    card.appendChild(el('h3', { text: 'What to do next' }));
    card.appendChild(el('p', { class: 'tb-next', text: sections.next }));
    card.appendChild(el('p', { class: 'tb-disclaimer', text: sections.disclaimer }));
    return card;
  }

  function causeItem(cause) {
    // Words, not a percentage (issue 10 §7): the score is kept for review only and would
    // read as false precision to a patient.
    var likelihood = typeof cause.likelihood_text === 'string' ? cause.likelihood_text : '';
    var why = Array.isArray(cause.why) ? cause.why.filter(function (w) { return typeof w === 'string'; }) : [];
    return el('li', { class: 'tb-cause' }, [
      el('div', { class: 'tb-cause-head' }, [
        el('span', { class: 'tb-cause-name', text: String(cause.name || cause.id || '') }),
        likelihood ? el('span', { class: 'tb-cause-likelihood', text: likelihood }) : null
      ]),
      why.length ? el('p', { class: 'tb-why-title', text: 'Why:' }) : null,
      why.length ? el('ul', { class: 'tb-why' }, why.map(function (w) { return el('li', { text: w }); })) : null
    ]);
  }

  // The message text is the assessment written out in full (what a platform without
  // cards shows). The card already lists the causes and reasons, so it keeps the rest:
  // the advice and the disclaimer. When nothing is left, the whole text is shown, so
  // no advice is ever lost to this heuristic.
  function splitAssessmentText(text, causes) {
    var known = [];
    causes.forEach(function (c) {
      if (c && typeof c.name === 'string' && c.name) known.push(c.name.toLowerCase());
      if (c && Array.isArray(c.why)) c.why.forEach(function (w) { if (typeof w === 'string' && w) known.push(w.toLowerCase()); });
    });
    var parts = text.split(/\n\s*\n/);
    if (parts.length === 1) parts = text.split(/\n/);
    var next = [];
    var disclaimer = [];
    parts.forEach(function (part, index) {
      var p = part.trim();
      if (!p) return;
      // A short one-line opener ("Thank you. Here is what I make of it.") is not advice.
      if (index === 0 && parts.length > 1 && p.indexOf('\n') === -1 && p.length < 60 &&
          !/\d{3}/.test(p)) return;
      var lower = p.toLowerCase();
      if (/diagnos|not medical advice|substitute for|replace a (doctor|clinician)/.test(lower)) {
        disclaimer.push(p);
      } else if (!known.some(function (k) { return lower.indexOf(k) !== -1; }) &&
                 !/^(possible|likely|most likely|probable) causes?/.test(lower)) {
        // The card shows the level and has its own "What to do next" heading; don't say
        // either twice.
        p = p.replace(/^how urgent:[^\n]*\n?/i, '')
          .replace(/^(what to do next|next steps?|what to do)\s*:\s*/i, '').trim();
        if (p) next.push(p);
      }
    });
    return {
      next: next.length ? next.join('\n\n') : text,
      disclaimer: disclaimer.length ? disclaimer.join('\n\n') : FALLBACK_DISCLAIMER
    };
  }

  // First phone-number-like token in the guidance ("Call 911 now", "ring 112",
  // "+44 20 7946 0958"): 3 to 15 digits, so "3 weeks" or "24 hours" never match.
  function findPhoneNumber(text) {
    var pattern = /\+?\(?\d+\)?(?:[ .\-]?\(?\d+\)?)*/g;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var token = match[0];
      var digits = token.replace(/\D/g, '');
      var hoursOrDuration = /^\s*(hours?|h\b|minutes?|days?|weeks?|months?|years?|%)/i.test(text.slice(pattern.lastIndex));
      if (digits.length >= 3 && digits.length <= 15 && !hoursOrDuration) {
        return { shown: token.trim(), dial: (token.trim()[0] === '+' ? '+' : '') + digits };
      }
    }
    return null;
  }

  function emergencyCall(text) {
    var number = findPhoneNumber(text);
    if (!number) {
      return el('p', { class: 'tb-call tb-call-text', text: 'Call your local emergency number now.' });
    }
    return el('a', { class: 'tb-call', href: 'tel:' + number.dial }, [
      ICONS.phone(), el('span', { text: 'Call ' + number.shown + ' now' })
    ]);
  }

  /* ------------------------------------------------------- notices, typing */

  function showNotice(message, button) {
    clearNotice();
    ui.notice.appendChild(el('span', { text: message }));
    if (button) {
      ui.notice.appendChild(el('button', {
        type: 'button', class: 'tb-notice-action', text: button.label,
        onclick: function () { clearNotice(); button.action(); }
      }));
    }
    ui.notice.hidden = false;
  }

  function clearNotice() {
    while (ui.notice.firstChild) ui.notice.removeChild(ui.notice.firstChild);
    ui.notice.hidden = true;
  }

  function setTyping(on) {
    ui.typing.hidden = !on;
    // The text box stays editable while waiting (people type ahead); only sending waits.
    ui.send.disabled = on;
    if (on) scrollToEnd();
  }

  function scrollToEnd() {
    ui.scroller.scrollTop = ui.scroller.scrollHeight;
  }

  /* ------------------------------------------------------------ open / close */

  function open() {
    if (state.open) return;
    state.open = true;
    storageSet('sessionStorage', OPEN_KEY, '1');
    ui.panel.hidden = false;
    ui.host.classList.add('tb-is-open');
    ui.launcher.setAttribute('aria-expanded', 'true');
    ensureStarted();
    scrollToEnd();
    ui.input.focus();
  }

  function close() {
    if (!state.open) return;
    state.open = false;
    storageSet('sessionStorage', OPEN_KEY, null);
    ui.panel.hidden = true;
    ui.host.classList.remove('tb-is-open');
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.focus();
  }

  function submitText(event) {
    event.preventDefault();
    var text = ui.input.value.trim();
    if (!text || state.busy || !state.session) return;
    if (text.length > MAX_TEXT) {
      showNotice('That message is too long; please keep it under ' + MAX_TEXT + ' characters.');
      return;
    }
    ui.input.value = '';
    sendTurn({ text: text }, text);
  }

  /* ------------------------------------------------------------------ build */

  function build() {
    var host = el('div', { 'data-triagebot-widget': '' });
    var root = host.attachShadow({ mode: 'open' });
    // A constructed style sheet is not an inline style, so the widget keeps its look on
    // pages whose Content-Security-Policy allows no inline styles (our demo page, and
    // clinics with a strict policy); browsers without them get a <style> element.
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' &&
        'replaceSync' in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(el('style', { text: STYLES }));
    }

    ui.host = root.appendChild(el('div', { class: 'tb' }));
    ui.root = root;
    ui.launcher = el('button', {
      type: 'button', class: 'tb-launcher', 'aria-expanded': 'false',
      'aria-controls': 'tb-panel', 'aria-haspopup': 'dialog',
      onclick: function () { if (state.open) close(); else open(); }
    }, [ICONS.chat(), el('span', { text: TITLE })]);

    ui.log = el('div', {
      class: 'tb-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
      'aria-label': 'Conversation'
    });
    ui.typing = el('div', { class: 'tb-typing', hidden: true, role: 'status' }, [
      el('span', { class: 'tb-dot', 'aria-hidden': 'true' }),
      el('span', { class: 'tb-dot', 'aria-hidden': 'true' }),
      el('span', { class: 'tb-dot', 'aria-hidden': 'true' }),
      el('span', { class: 'tb-sr', text: 'The assistant is typing' })
    ]);
    ui.scroller = el('div', { class: 'tb-scroller' }, [ui.log, ui.typing]);
    ui.notice = el('div', { class: 'tb-notice', role: 'alert', hidden: true });

    ui.input = el('input', {
      id: 'tb-input', class: 'tb-input', type: 'text', maxlength: MAX_TEXT,
      autocomplete: 'off', enterkeyhint: 'send', placeholder: 'Type your answer\u2026'
    });
    ui.send = el('button', { type: 'submit', class: 'tb-send', text: 'Send' });
    var form = el('form', { class: 'tb-composer', onsubmit: submitText }, [
      el('label', { for: 'tb-input', class: 'tb-sr', text: 'Your message' }), ui.input, ui.send
    ]);

    var restart = el('button', {
      type: 'button', class: 'tb-header-button', text: 'Start over',
      onclick: function () { startNewSession(); ui.input.focus(); }
    });
    var closeButton = el('button', {
      type: 'button', class: 'tb-header-button tb-close', 'aria-label': 'Close chat', onclick: close
    }, [ICONS.close()]);

    ui.panel = el('div', {
      id: 'tb-panel', class: 'tb-panel', role: 'dialog', 'aria-label': TITLE, hidden: true,
      onkeydown: function (event) {
        if (event.key === 'Escape') { event.preventDefault(); close(); }
      }
    }, [
      el('div', { class: 'tb-header' }, [el('h2', { class: 'tb-title', text: TITLE }), restart, closeButton]),
      ui.scroller, ui.notice, form,
      el('p', { class: 'tb-footnote', text: 'Not a diagnosis. In an emergency, call your local emergency number.' })
    ]);

    ui.host.appendChild(ui.panel);
    ui.host.appendChild(ui.launcher);
    document.body.appendChild(host);

    document.addEventListener('click', function (event) {
      var target = event.target && event.target.closest ? event.target.closest('[data-triagebot-open]') : null;
      if (target) { event.preventDefault(); open(); }
    });
  }

  var STYLES = [
    ':host{all:initial}',
    '.tb{--tb-accent:#1d5fa8;--tb-accent-dark:#164a83;--tb-ink:#1c2430;--tb-muted:#5a6472;--tb-bg:#fff;--tb-soft:#f1f4f8;',
    'font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--tb-ink);}',
    '.tb *,.tb *::before,.tb *::after{box-sizing:border-box}',
    '.tb-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}',
    '[hidden]{display:none!important}',
    'button{font:inherit;color:inherit;cursor:pointer}',
    'button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f5b400;outline-offset:2px}',
    '.tb-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;',
    'padding:12px 18px;border:0;border-radius:999px;background:var(--tb-accent);color:#fff;font-weight:600;',
    'box-shadow:0 6px 20px rgba(0,0,0,.25)}',
    '.tb-launcher:hover{background:var(--tb-accent-dark)}',
    '.tb-launcher svg{width:22px;height:22px}',
    '.tb-panel{position:fixed;right:20px;bottom:84px;z-index:2147483001;display:flex;flex-direction:column;',
    'width:380px;max-width:calc(100vw - 40px);height:600px;max-height:calc(100vh - 110px);background:var(--tb-bg);',
    'border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.3);overflow:hidden;border:1px solid #d5dbe3}',
    '.tb-header{display:flex;align-items:center;gap:6px;padding:10px 10px 10px 16px;background:var(--tb-accent);color:#fff}',
    '.tb-title{flex:1;margin:0;font-size:17px;font-weight:650}',
    '.tb-header-button{border:1px solid rgba(255,255,255,.6);background:transparent;color:#fff;border-radius:8px;',
    'padding:6px 10px;font-size:14px;min-height:40px}',
    '.tb-header-button:hover{background:rgba(255,255,255,.15)}',
    '.tb-close{width:40px;display:flex;align-items:center;justify-content:center;padding:6px}',
    '.tb-close svg{width:18px;height:18px}',
    '.tb-scroller{flex:1;overflow-y:auto;padding:14px 12px;background:var(--tb-soft);overscroll-behavior:contain}',
    '.tb-log{display:flex;flex-direction:column;gap:10px}',
    '.tb-item{display:flex;flex-direction:column;gap:6px;max-width:100%}',
    '.tb-from-user{align-items:flex-end}',
    '.tb-bubble{margin:0;padding:9px 13px;border-radius:14px;max-width:85%;white-space:pre-wrap;overflow-wrap:anywhere}',
    '.tb-from-bot .tb-bubble{background:#fff;border:1px solid #dde3ea;border-bottom-left-radius:4px;align-self:flex-start}',
    '.tb-from-user .tb-bubble{background:var(--tb-accent);color:#fff;border-bottom-right-radius:4px}',
    '.tb-choices{display:flex;flex-wrap:wrap;gap:6px}',
    '.tb-choice{border:2px solid var(--tb-accent);background:#fff;color:var(--tb-accent);border-radius:999px;',
    'padding:6px 14px;min-height:40px;font-weight:600}',
    '.tb-choice:hover:not(:disabled){background:#e7f0fa}',
    '.tb-choice:disabled{cursor:default;border-color:#c5ccd5;color:#7a8390;background:#f6f7f9}',
    '.tb-choice.tb-chosen:disabled{border-color:var(--tb-accent);background:#e7f0fa;color:var(--tb-accent-dark)}',
    '.tb-typing{display:flex;gap:5px;padding:12px 4px 4px}',
    '.tb-dot{width:8px;height:8px;border-radius:50%;background:#8a94a3;animation:tb-blink 1.2s infinite ease-in-out}',
    '.tb-dot:nth-child(2){animation-delay:.2s}.tb-dot:nth-child(3){animation-delay:.4s}',
    '@keyframes tb-blink{0%,80%,100%{opacity:.25}40%{opacity:1}}',
    '@media (prefers-reduced-motion:reduce){.tb-dot{animation:none;opacity:.7}}',
    '.tb-notice{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:10px 14px;background:#fff6d6;',
    'border-top:1px solid #e8d48a;color:#4d3d00;font-size:14px}',
    '.tb-notice-action{border:1px solid #8a6d00;background:#fff;border-radius:8px;padding:4px 10px;font-size:14px}',
    '.tb-composer{display:flex;gap:8px;padding:10px;border-top:1px solid #dde3ea;background:#fff}',
    '.tb-input{flex:1;min-width:0;font:inherit;padding:10px 12px;border:1px solid #9aa5b3;border-radius:10px;color:var(--tb-ink);background:#fff}',
    '.tb-send{border:0;border-radius:10px;background:var(--tb-accent);color:#fff;font-weight:600;padding:0 16px;min-height:44px}',
    '.tb-send:disabled{background:#9aa5b3;cursor:default}',
    '.tb-footnote{margin:0;padding:0 12px 8px;font-size:12px;color:var(--tb-muted);background:#fff}',
    '.tb-card{background:#fff;border:1px solid #dde3ea;border-left:6px solid var(--tb-level);border-radius:12px;padding:12px 14px;',
    'max-width:100%;overflow-wrap:anywhere}',
    '.tb-level-emergency{--tb-level:#b00020;--tb-level-bg:#fde8eb}',
    '.tb-level-urgent{--tb-level:#b54708;--tb-level-bg:#fff1e0}',
    '.tb-level-routine{--tb-level:#1d5fa8;--tb-level-bg:#e7f0fa}',
    '.tb-level-self_care{--tb-level:#1e7a3c;--tb-level-bg:#e6f4ea}',
    '.tb-level{display:flex;align-items:center;gap:10px;margin:-12px -14px 10px;padding:10px 14px;',
    'background:var(--tb-level-bg);border-radius:0 11px 0 0;color:var(--tb-level)}',
    '.tb-level svg{flex:none;width:32px;height:32px}',
    '.tb-level p{margin:0}',
    '.tb-level-word{font-size:19px;font-weight:750;letter-spacing:.01em}',
    '.tb-level-hint{font-size:14px;color:var(--tb-ink)}',
    '.tb-call{display:flex;align-items:center;justify-content:center;gap:8px;margin:4px 0 10px;padding:12px;',
    'border-radius:10px;background:#b00020;color:#fff;font-weight:700;font-size:18px;text-decoration:none}',
    '.tb-call svg{width:22px;height:22px}',
    '.tb-call-text{background:#fde8eb;color:#7a0016}',
    '.tb-card h3{margin:12px 0 6px;font-size:15px}',
    '.tb-causes{margin:0;padding-left:20px}',
    '.tb-cause{margin-bottom:10px}',
    '.tb-cause-head{display:flex;justify-content:space-between;gap:8px;font-weight:600}',
    '.tb-cause-likelihood{flex:none;white-space:nowrap;color:var(--tb-muted);font-weight:400}',
    '.tb-why-title{margin:4px 0 0;font-size:13px;color:var(--tb-muted)}',
    '.tb-why{margin:2px 0 0;padding-left:18px;font-size:14px}',
    '.tb-next{margin:0;white-space:pre-wrap}',
    '.tb-disclaimer{margin:12px 0 0;padding-top:8px;border-top:1px solid #e3e8ee;font-size:13px;color:var(--tb-muted);white-space:pre-wrap}',
    // Phones: the panel takes the whole screen, and the launcher hides behind it.
    '@media (max-width:480px){',
    '.tb-panel{inset:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0;border:0}',
    '.tb-is-open .tb-launcher{display:none}',
    '.tb-launcher{right:14px;bottom:14px}}',
    '@media (forced-colors:active){.tb-card{border-left-width:6px}}'
  ].join('\n');

  /* ------------------------------------------------------------------ start */

  function init() {
    build();
    window.triagebot = { open: open, close: close };
    // Reopen after a reload when the panel was open in this tab.
    if (OPEN_ON_LOAD || storageGet('sessionStorage', OPEN_KEY) === '1') open();
  }

  window.triagebot = { open: function () {}, close: function () {} };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
