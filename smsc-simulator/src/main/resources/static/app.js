// Handset page of the SMSC simulator: polls the REST API every 2 s, no framework, no build step.
(function () {
  'use strict';

  const POLL_MS = 2000;
  let selected = null;        // MSISDN shown in the thread pane
  let lastThreadKey = '';     // avoids re-rendering (and losing the scroll position) when nothing changed
  let replyToTouched = false; // keep what the user typed in "Reply to"

  const $ = (id) => document.getElementById(id);

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const fields = data && data.errors ? Object.entries(data.errors).map(([k, v]) => k + ' ' + v).join('; ') : '';
      throw new Error(fields || (data && (data.detail || data.title)) || response.statusText);
    }
    return data;
  }

  function time(iso) {
    const d = new Date(iso);
    const today = new Date().toDateString() === d.toDateString();
    return today ? d.toLocaleTimeString() : d.toLocaleString();
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function statusClass(status) {
    if (status === 'DELIVRD' || status === 'ACCEPTED') return 'ok';
    if (status === 'SUBMITTED' || status === 'SENDING' || status === 'ENROUTE') return 'pending';
    return 'bad';
  }

  async function refreshBinds() {
    const badge = $('binds');
    try {
      const binds = await api('GET', '/api/binds');
      badge.textContent = binds.length === 0 ? 'no ESME bound'
        : binds.map((b) => b.systemId + ' · ' + b.bindType.toLowerCase()).join(', ');
      badge.classList.toggle('binds-none', binds.length === 0);
    } catch (e) {
      badge.textContent = 'simulator unreachable';
      badge.classList.add('binds-none');
    }
  }

  async function refreshHandsets() {
    const handsets = await api('GET', '/api/handsets');
    const list = $('handsets');
    list.replaceChildren(...handsets.map((h) => {
      const li = el('li', h.msisdn === selected ? 'selected' : '');
      li.append(el('span', 'msisdn', h.msisdn), el('span', 'when', time(h.lastActivity)),
        el('span', 'counts', h.mtCount + ' received · ' + h.moCount + ' sent'
          + (h.lastMtFrom ? ' · last from ' + h.lastMtFrom : '')));
      li.addEventListener('click', () => select(h.msisdn, h.lastMtFrom));
      return li;
    }));
    $('no-handsets').hidden = handsets.length > 0;
    const current = handsets.find((h) => h.msisdn === selected);
    if (current && !replyToTouched && current.lastMtFrom) {
      $('reply').elements.to.value = current.lastMtFrom;
    }
  }

  async function refreshThread() {
    if (!selected) return;
    const messages = await api('GET', '/api/handsets/' + encodeURIComponent(selected) + '/messages');
    const numbers = await api('GET', '/api/handsets/' + encodeURIComponent(selected) + '/virtual-numbers');
    const party = new Map(numbers.map((n) => [n.number, n.jid]));
    $('thread-numbers').textContent = numbers.length === 0 ? ''
      : 'Virtual numbers: ' + numbers.map((n) => n.number + ' = ' + n.jid).join(', ');
    const key = JSON.stringify([messages.map((m) => [m.id, m.status]), numbers]);
    if (key === lastThreadKey) return;
    lastThreadKey = key;
    const thread = $('thread');
    const atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
    thread.replaceChildren(...messages.map((m) => {
      const li = el('li', 'msg ' + m.direction.toLowerCase(), m.text);
      const meta = el('span', 'meta');
      const peer = party.has(m.peer) ? m.peer + ' (' + party.get(m.peer) + ')' : m.peer;
      const who = m.direction === 'MT' ? 'from ' + peer : 'to ' + peer;
      const parts = m.parts > 1 ? ' · ' + m.parts + ' parts' : '';
      meta.append(document.createTextNode(who + ' · ' + time(m.at) + parts + ' · '),
        el('span', 'status ' + statusClass(m.status), m.status));
      li.append(meta);
      return li;
    }));
    const mt = messages.filter((m) => m.direction === 'MT').length;
    $('thread-counts').textContent = mt + ' received, ' + (messages.length - mt) + ' sent';
    if (atBottom || thread.dataset.msisdn !== selected) {
      thread.scrollTop = thread.scrollHeight;
      thread.dataset.msisdn = selected;
    }
  }

  function select(msisdn, lastMtFrom) {
    selected = msisdn;
    lastThreadKey = '';
    replyToTouched = false;
    $('thread-empty').hidden = true;
    $('thread-view').hidden = false;
    $('thread-title').textContent = msisdn;
    // a link to the page with #+4477... opens that handset (handy in a demo script)
    history.replaceState(null, '', '#' + encodeURIComponent(msisdn));
    $('reply').elements.to.value = lastMtFrom || '';
    $('reply').querySelector('.form-error').textContent = '';
    refresh();
  }

  async function send(form, body, onSent) {
    const error = form.querySelector('.form-error');
    const button = form.querySelector('button');
    error.textContent = '';
    button.disabled = true;
    try {
      await api('POST', '/api/mo', body);
      onSent();
      await refresh();
    } catch (e) {
      error.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  }

  async function refresh() {
    try {
      await Promise.all([refreshBinds(), refreshHandsets(), refreshThread()]);
    } catch (e) {
      // the next poll tries again; the badge already says when the simulator is unreachable
    }
  }

  $('reply').elements.to.addEventListener('input', () => { replyToTouched = true; });

  $('reply').addEventListener('submit', (event) => {
    event.preventDefault();
    const f = event.target.elements;
    send(event.target, { from: selected, to: f.to.value.trim(), text: f.text.value }, () => { f.text.value = ''; });
  });

  $('new-sms').addEventListener('submit', (event) => {
    event.preventDefault();
    const f = event.target.elements;
    const from = f.from.value.trim();
    send(event.target, {
      from, to: f.to.value.trim(), text: f.text.value, mode: f.mode.value, shuffle: f.shuffle.checked,
    }, () => { f.text.value = ''; select(from, ''); });
  });

  // Enter sends a reply, Shift+Enter makes a new line
  $('reply').elements.text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('reply').requestSubmit();
    }
  });

  if (location.hash.length > 1) {
    select(decodeURIComponent(location.hash.slice(1)), '');
  } else {
    refresh();
  }
  setInterval(refresh, POLL_MS);
})();
