// The migration dashboard: polls the admin JSON API and renders it; changes go through the same API.
// Plain browser JavaScript on purpose (no build step). Data is only ever written with textContent, never as markup.
'use strict';

(function () {
  const REFRESH_MILLIS = 3000;
  const REQUEST_TIMEOUT_MILLIS = 15000;
  const AUDIT_ROWS = 25;
  const STAGES = ['legacy', 'canary', 'live'];
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  const rows = new Map(); // route id -> its table row's parts, built once so typing in a form survives refreshes
  let refreshing = false;
  let refreshAgain = false;

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (name === 'class') {
        node.className = value;
      } else {
        node.setAttribute(name, value);
      }
    });
    children.forEach(child => node.append(child));
    return node;
  }

  function message(text, isError) {
    const box = document.getElementById('message');
    box.textContent = text;
    box.className = isError ? 'error' : 'ok';
  }

  // Every call sends the session's CSRF token: the gateway refuses a change made with the login cookie without it.
  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (csrfToken) {
      headers['X-CSRF-Token'] = csrfToken;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MILLIS) // a lost answer must not stall the page for good
    });
    if (response.status === 401) {
      window.location.assign('/admin/login');
      throw new Error('logged out');
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error((json && (json.detail || json.title)) || ('HTTP ' + response.status));
    }
    return json;
  }

  function millis(value) {
    return value === undefined || value === null ? '–' : (value < 10 ? value.toFixed(1) : Math.round(value)) + ' ms';
  }

  function sideText(side) {
    if (!side) {
      return '–';
    }
    if (!side.requests) {
      return 'no requests';
    }
    return side.requests + ' · ' + side.errors + ' · ' + millis(side.p50Millis) + ' · ' + millis(side.p99Millis);
  }

  function percent(rate) {
    return (rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1) + ' %';
  }

  function stageText(route) {
    return route.stage === 'canary' ? 'canary ' + route.percent + ' %' : route.stage;
  }

  function shadowText(shadow) {
    if (!shadow) {
      return '–';
    }
    const parts = [];
    if (shadow.mismatchRate !== undefined && shadow.mismatchRate !== null) {
      parts.push(percent(shadow.mismatchRate));
    }
    if (shadow.compared !== undefined) {
      parts.push(shadow.compared + ' compared');
    }
    if (shadow.mismatches !== undefined) {
      parts.push(shadow.mismatches + ' differ');
    }
    if (shadow.dropped) {
      parts.push(shadow.dropped + ' dropped');
    }
    if (shadow.timedOut) {
      parts.push(shadow.timedOut + ' timed out');
    }
    return parts.join(' · ') || '–';
  }

  function automationText(automation) {
    if (!automation) {
      return '–';
    }
    const parts = [];
    if (automation.state) {
      parts.push(automation.state);
    }
    if (automation.step !== undefined && automation.step !== null) {
      const position = automation.stepIndex !== undefined && automation.steps
        ? ' (' + (automation.stepIndex + 1) + '/' + (Array.isArray(automation.steps) ? automation.steps.length : automation.steps) + ')'
        : '';
      parts.push('step ' + (typeof automation.step === 'object' ? JSON.stringify(automation.step) : automation.step) + position);
    }
    if (automation.lastDecision) {
      const decision = automation.lastDecision;
      parts.push(typeof decision === 'object' ? (decision.reason || decision.outcome || JSON.stringify(decision)) : decision);
    }
    return parts.join(' · ') || JSON.stringify(automation);
  }

  async function loadSamples(id, target) {
    try {
      const samples = await api('GET', '/admin/routes/' + encodeURIComponent(id) + '/shadow');
      target.textContent = JSON.stringify(samples, null, 2);
    } catch (error) {
      target.textContent = error.message;
    }
  }

  function changeForm(id, current) {
    const stage = el('select', { class: 'stage-select', 'aria-label': 'new stage of ' + id });
    STAGES.forEach(name => stage.append(el('option', { value: name }, name)));
    stage.value = STAGES.includes(current) ? current : STAGES[0];
    const percentInput = el('input', {
      class: 'percent-input', type: 'number', min: '0', max: '100', value: '10', 'aria-label': 'canary percent of ' + id
    });
    const reason = el('input', { class: 'reason-input', placeholder: 'reason', 'aria-label': 'reason for ' + id });
    const move = el('button', { class: 'move', type: 'button' }, 'Move');
    const rollback = el('button', { class: 'rollback danger', type: 'button' }, 'Roll back');
    const syncPercent = () => { percentInput.disabled = stage.value !== 'canary'; };
    stage.addEventListener('change', syncPercent);
    syncPercent();

    move.addEventListener('click', () => act(async () => {
      const body = { stage: stage.value, reason: reason.value.trim(), expectedVersion: rows.get(id).version };
      if (stage.value === 'canary') {
        body.percent = Number(percentInput.value);
      }
      const route = await api('PUT', '/admin/routes/' + encodeURIComponent(id) + '/stage', body);
      reason.value = '';
      return id + ' is now ' + stageText(route);
    }, reason));
    rollback.addEventListener('click', () => act(async () => {
      await api('POST', '/admin/routes/' + encodeURIComponent(id) + '/rollback', { reason: reason.value.trim() });
      reason.value = '';
      return id + ' rolled back to legacy';
    }, reason));
    return el('div', { class: 'change' }, stage, percentInput, reason, move, rollback);
  }

  async function act(change, reason) {
    if (!reason.value.trim()) {
      message('Give a reason: it goes into the audit trail.', true);
      reason.focus();
      return;
    }
    try {
      message(await change(), false);
    } catch (error) {
      message(error.message, true);
    }
    await refresh();
  }

  function row(route) {
    let parts = rows.get(route.id);
    if (parts) {
      return parts;
    }
    const cell = (name) => el('td', { class: name });
    parts = {
      tr: el('tr', { id: 'route-' + route.id, 'data-route': route.id }),
      route: cell('route'), stage: cell('stage'), legacy: cell('legacy'), service: cell('service'),
      shadow: cell('shadow'), automation: cell('automation'), samples: el('pre', { class: 'samples' })
    };
    parts.route.append(el('strong', {}, route.id), el('div', { class: 'muted paths' }));
    parts.shadowSummary = el('span', { class: 'shadow-summary' });
    const diffs = el('details', { class: 'diffs', hidden: '' }, el('summary', {}, 'sample diffs'), parts.samples);
    diffs.addEventListener('toggle', () => {
      if (diffs.open) {
        loadSamples(route.id, parts.samples);
      }
    });
    parts.diffs = diffs;
    parts.shadow.append(parts.shadowSummary, diffs);
    parts.tr.append(parts.route, parts.stage, parts.legacy, parts.service, parts.shadow, parts.automation,
      el('td', { class: 'actions' }, changeForm(route.id, route.stage)));
    rows.set(route.id, parts);
    document.querySelector('#routes tbody').append(parts.tr);
    return parts;
  }

  function renderRoute(route) {
    const parts = row(route);
    parts.version = route.version;
    parts.route.querySelector('.paths').textContent =
      route.methods.join(' ') + ' ' + route.paths.join(' ') + (route.service ? ' → ' + route.service : '');
    parts.stage.textContent = '';
    parts.stage.append(el('span', { class: 'badge ' + route.stage }, stageText(route)),
      el('div', { class: 'muted' }, 'v' + route.version + (route.updatedBy ? ' by ' + route.updatedBy : '')));
    parts.legacy.textContent = sideText(route.stats && route.stats.legacy);
    parts.service.textContent = sideText(route.stats && route.stats.service)
      + (route.circuitBreaker ? ' · ' + route.circuitBreaker : '');
    parts.shadowSummary.textContent = shadowText(route.shadow);
    parts.diffs.hidden = !route.shadow;
    if (route.shadow && parts.diffs.open) {
      loadSamples(route.id, parts.samples);
    }
    parts.automation.textContent = automationText(route.automation);
  }

  function renderAudit(entries) {
    const body = document.querySelector('#audit tbody');
    body.textContent = '';
    entries.forEach(entry => {
      const from = entry.fromStage === 'canary' ? 'canary ' + entry.fromPercent + ' %' : entry.fromStage;
      const to = entry.toStage === 'canary' ? 'canary ' + entry.toPercent + ' %' : entry.toStage;
      body.append(el('tr', { class: 'audit-entry' },
        el('td', {}, new Date(entry.changedAt).toLocaleString()), el('td', {}, entry.routeId),
        el('td', {}, from), el('td', {}, to), el('td', {}, entry.changedBy), el('td', {}, entry.reason)));
    });
  }

  async function refresh() {
    if (refreshing) {
      refreshAgain = true; // a change just happened: what the running refresh fetched may predate it
      return;
    }
    refreshing = true;
    try {
      const [routes, audit] = await Promise.all([api('GET', '/admin/routes'), api('GET', '/admin/audit?limit=' + AUDIT_ROWS)]);
      routes.forEach(renderRoute);
      renderAudit(audit);
      document.getElementById('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (error) {
      document.getElementById('refreshed').textContent = 'refresh failed: ' + error.message;
    } finally {
      refreshing = false;
    }
    if (refreshAgain) {
      refreshAgain = false;
      await refresh();
    }
  }

  async function logout() {
    try {
      await api('POST', '/admin/logout');
    } catch (error) {
      console.warn('logout: ' + error.message);
    }
    window.location.assign('/admin/login');
  }

  document.addEventListener('DOMContentLoaded', () => {
    const logoutButton = document.getElementById('logout');
    // a page opened with HTTP basic credentials has no session to end
    logoutButton.hidden = !csrfToken;
    logoutButton.addEventListener('click', logout);
    refresh();
    setInterval(refresh, REFRESH_MILLIS);
  });
}());
