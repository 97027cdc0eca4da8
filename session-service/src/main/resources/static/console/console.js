// The operator's console: polls one JSON document and redraws. No framework, so nothing to download or build.
'use strict';

const REFRESH_MS = 2000;
const TOKEN_KEY = 'gateway-api-token';

const byId = id => document.getElementById(id);

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) td.className = className;
  return td;
}

function fill(tableId, rows, columns, emptyText) {
  const body = byId(tableId).tBodies[0];
  body.replaceChildren();
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(emptyText, 'empty');
    td.colSpan = byId(tableId).tHead.rows[0].cells.length;
    tr.append(td);
    body.append(tr);
    return;
  }
  for (const row of rows) {
    const tr = document.createElement('tr');
    tr.append(...columns(row));
    body.append(tr);
  }
}

const time = iso => iso ? new Date(iso).toLocaleTimeString() : '';

function render(o) {
  byId('domain').textContent = o.domain;
  fill('links', o.links, l => [
    cell(l.id),
    cell(l.stale ? l.state + ' (stale)' : l.state, l.stale ? 'stale' : 'state-' + l.state),
    cell(l.windowInUse + ' / ' + l.window),
    cell(l.connector),
    cell(time(l.since)),
    cell(l.lastError, 'detail'),
  ], 'no connector has reported a link');
  byId('sessions-count').textContent = '(' + o.sessionsOnline + ')';
  fill('sessions', o.sessions, s => [
    cell(s.fullJid),
    cell(s.available ? s.show : 'unavailable'),
    cell(s.priority),
    cell(s.edge),
    cell(s.carbons ? 'on' : ''),
  ], 'nobody is online');
  fill('sms', o.recentSms, m => [
    cell(time(m.updatedAt)),
    cell(m.direction),
    cell(m.handset),
    cell(m.link),
    cell(m.status, 'st-' + String(m.status).split(' ')[0]),
    cell(m.direction === 'MT' && m.segments > 1 ? m.segmentsDelivered + '/' + m.segments : m.segments),
    cell(m.detail, 'detail'),
  ], 'no SMS yet');
  byId('accounts-count').textContent = '(' + o.accounts.total + ')';
  const list = byId('accounts');
  list.replaceChildren(...o.accounts.first.map(a => {
    const li = document.createElement('li');
    li.textContent = a.username + '@' + o.domain;
    return li;
  }));
  byId('subscribers-count').textContent = '(' + o.subscriberCount + ')';
  fill('subscribers', o.subscribers, h => [
    cell(h.username + '@' + o.domain),
    cell(h.msisdn),
    cell(h.online ? 'online' : 'offline', h.online ? 'state-BOUND' : ''),
    cell(h.notices ? 'on' : ''),
    cell(h.numbers.map(n => n.number + ' = ' + n.jid).join(', '), 'detail'),
  ], 'no handset subscribers yet');
}

async function refresh() {
  const status = byId('status');
  const token = sessionStorage.getItem(TOKEN_KEY);
  try {
    const response = await fetch('/admin/console/overview', {
      headers: token ? { Authorization: 'Bearer ' + token } : {},
      cache: 'no-store',
    });
    if (response.status === 401) {
      byId('token-form').hidden = false;
      status.textContent = 'this service wants its API token (gateway.session.api-token)';
      status.className = 'error';
      return;
    }
    if (!response.ok) throw new Error('HTTP ' + response.status);
    render(await response.json());
    status.textContent = 'updated ' + new Date().toLocaleTimeString();
    status.className = '';
  } catch (e) {
    status.textContent = 'cannot reach the session service: ' + e.message;
    status.className = 'error';
  }
}

byId('token-form').addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, byId('token').value);
  byId('token-form').hidden = true;
  refresh();
});

refresh();
setInterval(refresh, REFRESH_MS);
