// The outbox console: reads the admin API next to this page and acts through it.
// Plain browser JavaScript, no build step. Every change sends the X-Outbox-Admin header,
// which the API requires so that a page of another site cannot act with the user's login.
(function () {
  'use strict';

  const REFRESH_MS = 3000;
  const statusLine = document.getElementById('status');

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.className = isError ? 'error' : '';
  }

  function age(seconds) {
    if (seconds < 60) return seconds + ' s';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
    if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
    return Math.floor(seconds / 86400) + ' d ' + Math.floor((seconds % 86400) / 3600) + ' h';
  }

  async function call(method, path) {
    const init = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (method !== 'GET') init.headers['X-Outbox-Admin'] = 'console';
    const response = await fetch(path, init);
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const why = body && (body.outcome || body.error) ? (body.outcome || body.error) : response.statusText;
      throw new Error(method + ' ' + path + ': ' + response.status + ' ' + why);
    }
    return body;
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function button(label, className, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.className = className;
    b.addEventListener('click', onClick);
    return b;
  }

  function renderBacklog(backlog) {
    const body = document.querySelector('#backlog tbody');
    body.replaceChildren();
    document.getElementById('backlog-empty').hidden = backlog.length > 0;
    for (const b of backlog) {
      const row = document.createElement('tr');
      row.dataset.destination = b.destination;
      cell(row, b.destination);
      cell(row, b.pending, 'num pending');
      cell(row, b.oldestPending ? age(b.oldestPendingAgeSeconds) : '—', 'num age');
      cell(row, b.failed, 'num failed');
      cell(row, b.quarantined, 'num quarantined');
      cell(row, b.paused ? 'paused' : 'flowing', 'state');
      const actions = cell(row, '');
      // a topic's destination (topic://name) keeps its slashes: servers refuse an encoded one in a path
      const name = encodeURIComponent(b.destination).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
      const path = 'destinations/' + name + (b.paused ? '/resume' : '/pause');
      actions.appendChild(button(b.paused ? 'Resume' : 'Pause', b.paused ? 'resume' : 'pause',
        () => act('POST', path, (b.paused ? 'Resumed ' : 'Paused ') + b.destination)));
      body.appendChild(row);
    }
  }

  // the Retry and Delete buttons of one record (labels end with what), delete after a confirmation
  function recordActions(actions, id, what, question) {
    const path = 'records/' + encodeURIComponent(id);
    actions.appendChild(button('Retry' + what, 'retry', () => act('POST', path + '/retry', 'Retried ' + id)));
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(button('Delete' + what, 'delete', () => {
      if (window.confirm(question)) {
        act('DELETE', path, 'Deleted ' + id);
      }
    }));
  }

  function renderDeadLetters(page) {
    const records = page.records;
    const body = document.querySelector('#dead-letters tbody');
    body.replaceChildren();
    document.getElementById('dead-letters-empty').hidden = records.length > 0;
    document.getElementById('dead-letters-more').hidden = !page.next;
    for (const r of records) {
      const row = document.createElement('tr');
      row.dataset.id = r.id;
      cell(row, r.id, 'id');
      cell(row, r.eventType + ' v' + r.eventVersion);
      cell(row, r.aggregateType + '/' + r.aggregateId + ' #' + r.sequence, 'key');
      cell(row, r.destination);
      cell(row, r.status, 'status');
      cell(row, r.attempts, 'num');
      cell(row, age(r.ageSeconds) + ' ago');
      cell(row, r.lastError, 'error');
      recordActions(cell(row, ''), r.id, '', 'Delete record ' + r.id + ' for good?');
      body.appendChild(row);
    }
  }

  // a key whose head is a dead letter: retrying, skipping or deleting the head lets the held records flow
  function renderBlockedKeys(keys) {
    const body = document.querySelector('#blocked-keys tbody');
    body.replaceChildren();
    document.getElementById('blocked-keys-empty').hidden = keys.length > 0;
    for (const k of keys) {
      const head = k.head;
      const row = document.createElement('tr');
      row.dataset.key = k.aggregateType + '/' + k.aggregateId;
      cell(row, k.aggregateType + '/' + k.aggregateId, 'key');
      cell(row, head.id + ' #' + head.sequence, 'head');
      cell(row, head.destination);
      cell(row, head.status, 'status');
      cell(row, k.held, 'num held');
      cell(row, k.oldestHeld ? age(k.oldestHeldAgeSeconds) + ' ago' : '—', 'num age');
      cell(row, head.lastError, 'error');
      const actions = cell(row, '');
      recordActions(actions, head.id, ' head',
        'Delete record ' + head.id + ', the head of ' + row.dataset.key + ', for good?');
      actions.appendChild(document.createTextNode(' '));
      actions.appendChild(button('Skip head', 'skip', () => {
        if (window.confirm('Skip record ' + head.id + ' (never sent) and send the ' + k.held
            + ' record(s) of ' + row.dataset.key + ' behind it?')) {
          act('POST', 'records/' + encodeURIComponent(head.id) + '/skip', 'Skipped ' + head.id);
        }
      }));
      body.appendChild(row);
    }
  }

  async function act(method, path, done) {
    try {
      await call(method, path);
      say(done + '.', false);
    } catch (e) {
      say(e.message, true);
    }
    await refresh(true);
  }

  async function refresh(quiet) {
    try {
      const [backlog, dead, blocked] = await Promise.all([
        call('GET', 'backlog'), call('GET', 'dead-letters?limit=200'), call('GET', 'blocked-keys?limit=200')]);
      renderBacklog(backlog);
      renderDeadLetters(dead);
      renderBlockedKeys(blocked);
      if (!quiet) say('Updated ' + new Date().toLocaleTimeString() + '.', false);
    } catch (e) {
      say(e.message, true);
    }
  }

  // bulk actions: count first (a dry run), then act on what was counted
  const bulk = {
    status: document.getElementById('bulk-status'),
    destination: document.getElementById('bulk-destination'),
    error: document.getElementById('bulk-error'),
    result: document.getElementById('bulk-result'),
    retry: document.getElementById('bulk-retry'),
    remove: document.getElementById('bulk-delete')
  };

  function bulkFilter() {
    const q = new URLSearchParams({ status: bulk.status.value });
    if (bulk.destination.value.trim()) q.set('destination', bulk.destination.value.trim());
    if (bulk.error.value.trim()) q.set('error', bulk.error.value.trim());
    return q.toString();
  }

  function bulkReset() {
    bulk.result.textContent = '';
    bulk.retry.disabled = true;
    bulk.remove.disabled = true;
    bulk.retry.textContent = 'Retry';
    bulk.remove.textContent = 'Delete';
  }

  async function bulkCount() {
    bulkReset();
    try {
      const r = await call('POST', 'records/retry?' + bulkFilter() + '&dryRun=true');
      bulk.result.textContent = r.matching + (r.matching === 1 ? ' record matches' : ' records match');
      bulk.retry.textContent = 'Retry ' + r.matching;
      bulk.remove.textContent = 'Delete ' + r.matching;
      bulk.retry.disabled = r.matching === 0;
      bulk.remove.disabled = r.matching === 0;
    } catch (e) {
      say(e.message, true);
    }
  }

  async function bulkAct(action, verb) {
    const filter = bulkFilter();
    if (action === 'delete' && !window.confirm('Delete every record that matches, for good?')) return;
    try {
      const r = await call('POST', 'records/' + action + '?' + filter);
      say(verb + ' ' + r.done + ' records' + (r.more ? '; more match: act again' : '') + '.', false);
    } catch (e) {
      say(e.message, true);
    }
    bulkReset();
    await refresh(true);
  }

  for (const input of [bulk.status, bulk.destination, bulk.error]) input.addEventListener('input', bulkReset);
  document.getElementById('bulk-count').addEventListener('click', bulkCount);
  bulk.retry.addEventListener('click', () => bulkAct('retry', 'Retried'));
  bulk.remove.addEventListener('click', () => bulkAct('delete', 'Deleted'));

  document.getElementById('refresh').addEventListener('click', () => refresh(false));
  refresh(false);
  setInterval(() => refresh(true), REFRESH_MS);
}());
