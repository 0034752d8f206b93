// The migration dashboard: polls the admin JSON API and renders it; changes go through the same API.
// Plain browser JavaScript on purpose (no build step). Data is only ever written with textContent, never as markup.
'use strict';

(function () {
  const REFRESH_MILLIS = 3000;
  const REQUEST_TIMEOUT_MILLIS = 15000;
  const AUDIT_ROWS = 25;
  const SAMPLES_SHOWN = 5;
  const STAGES = ['legacy', 'shadow', 'canary', 'live'];
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

  function path(id, rest) {
    return '/admin/routes/' + encodeURIComponent(id) + rest;
  }

  function present(value) {
    return value !== undefined && value !== null;
  }

  // Percentiles cover the last two minutes or so (Micrometer's decaying window): 0 there means no recent request.
  function millis(value) {
    return present(value) && value > 0 ? (value < 10 ? value.toFixed(1) : Math.round(value)) + ' ms' : '–';
  }

  function time(instant) {
    return present(instant) ? new Date(instant).toLocaleTimeString() : '';
  }

  function percent(rate) {
    return (rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1) + ' %';
  }

  /** 'canary 20 %', with a canary's caller groups: 'canary 20 % + staff'. */
  function stageText(stage, percentage, callerGroups) {
    if (stage !== 'canary') {
      return stage;
    }
    const groups = callerGroups && callerGroups.length ? ' + ' + callerGroups.join(', ') : '';
    return 'canary ' + percentage + ' %' + groups;
  }

  /** The groups field as the admin API wants them: names separated by commas or spaces. */
  function groupList(text) {
    return text.split(/[\s,]+/).filter(name => name.length > 0);
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

  /** Shadow figures (GET /admin/routes: compared, mismatches, mismatchRate as a fraction, dropped, timedOut …). */
  function shadowText(route) {
    const shadow = route.shadow;
    if (!shadow || (route.stage !== 'shadow' && !shadow.compared && !shadow.dropped && !shadow.timedOut)) {
      return '–';
    }
    const parts = [percent(shadow.mismatchRate || 0) + ' differ', shadow.compared + ' compared'];
    [['dropped', 'dropped'], ['timedOut', 'timed out'], ['failed', 'failed'], ['tooLarge', 'too large']]
      .filter(([name]) => shadow[name])
      .forEach(([name, words]) => parts.push(shadow[name] + ' ' + words));
    return parts.join(' · ');
  }

  /** GET /admin/routes/{id}/shadow as text: the most frequent differing paths, then the latest samples. */
  function shadowReportText(report) {
    if (!report || !Array.isArray(report.samples)) {
      return JSON.stringify(report, null, 2);
    }
    const lines = [];
    Object.entries(report.mismatchesByPath || {}).slice(0, SAMPLES_SHOWN)
      .forEach(([where, count]) => lines.push(where + '  ×' + count));
    if (lines.length) {
      lines.push('');
    }
    report.samples.slice(0, SAMPLES_SHOWN).forEach(sample => {
      lines.push(time(sample.at) + ' ' + sample.method + ' ' + sample.path
        + '  (legacy ' + (sample.legacy ? sample.legacy.status : '?')
        + ', service ' + (sample.service ? sample.service.status : '?') + ')');
      (sample.differences || []).forEach(difference =>
        lines.push('  ' + difference.at + ': ' + difference.legacy + ' → ' + difference.service));
    });
    return lines.length ? lines.join('\n') : 'no mismatching sample kept';
  }

  async function loadShadowReport(id, target) {
    try {
      target.textContent = shadowReportText(await api('GET', path(id, '/shadow')));
    } catch (error) {
      target.textContent = error.message;
    }
  }

  /** Automation (GET /admin/routes: state, step, stepIndex, steps, stepStartedAt, lastDecision, pausedBy …). */
  function automationLines(automation) {
    const lines = [];
    let step = automation.step ? 'at ' + automation.step : 'first step not taken';
    if (Array.isArray(automation.steps) && automation.steps.length) {
      step += ' (' + (automation.stepIndex + 1) + '/' + automation.steps.length + ': ' + automation.steps.join(' → ') + ')';
    }
    if (automation.stepStartedAt && automation.state === 'running') {
      step += ' since ' + time(automation.stepStartedAt);
    }
    lines.push(step);
    if (automation.pausedBy) {
      lines.push('paused by ' + automation.pausedBy + (automation.pausedReason ? ': ' + automation.pausedReason : ''));
    }
    if (automation.lastDecision && !lines.includes(automation.lastDecision)) {
      lines.push(automation.lastDecision);
    }
    return lines;
  }

  function changeForm(id, current) {
    const stage = el('select', { class: 'stage-select', 'aria-label': 'new stage of ' + id });
    STAGES.forEach(name => stage.append(el('option', { value: name }, name)));
    stage.value = STAGES.includes(current) ? current : STAGES[0];
    const percentInput = el('input', {
      class: 'percent-input', type: 'number', min: '0', max: '100', value: '10', 'aria-label': 'canary percent of ' + id
    });
    const groupsInput = el('input', {
      class: 'groups-input', placeholder: 'groups first', 'aria-label': 'caller groups of ' + id,
      title: 'callers in these groups (e.g. staff) go to the service whatever the percent'
    });
    const reason = el('input', { class: 'reason-input', placeholder: 'reason', 'aria-label': 'reason for ' + id });
    const move = el('button', { class: 'move', type: 'button' }, 'Move');
    const rollback = el('button', { class: 'rollback danger', type: 'button' }, 'Roll back');
    const syncPercent = () => {
      percentInput.disabled = stage.value !== 'canary';
      groupsInput.disabled = stage.value !== 'canary';
    };
    stage.addEventListener('change', syncPercent);
    syncPercent();

    move.addEventListener('click', () => act(reason, true, async () => {
      const body = { stage: stage.value, reason: reason.value.trim(), expectedVersion: rows.get(id).version };
      if (stage.value === 'canary') {
        body.percent = Number(percentInput.value);
        body.callerGroups = groupList(groupsInput.value);
      }
      const route = await api('PUT', path(id, '/stage'), body);
      return id + ' is now ' + stageText(route.stage, route.percent, route.callerGroups);
    }));
    rollback.addEventListener('click', () => act(reason, true, async () => {
      await api('POST', path(id, '/rollback'), { reason: reason.value.trim() });
      return id + ' rolled back to legacy';
    }));
    return {
      form: el('div', { class: 'change' }, stage, percentInput, groupsInput, reason, move, rollback), reason, groupsInput
    };
  }

  /** Pause and resume of a route's automation; a reason is optional there (from the route's reason field). */
  function automationButtons(id, reason) {
    const send = (action, done) => act(reason, false, async () => {
      const given = reason.value.trim();
      await api('POST', path(id, '/automation/' + action), given ? { reason: given } : undefined);
      return id + ': automation ' + done;
    });
    const pause = el('button', { class: 'pause', type: 'button', hidden: '' }, 'Pause');
    const resume = el('button', { class: 'resume', type: 'button', hidden: '' }, 'Resume');
    pause.addEventListener('click', () => send('pause', 'paused'));
    resume.addEventListener('click', () => send('resume', 'resumed'));
    return { pause, resume };
  }

  async function act(reason, reasonRequired, change) {
    if (reasonRequired && !reason.value.trim()) {
      message('Give a reason: it goes into the audit trail.', true);
      reason.focus();
      return;
    }
    try {
      const done = await change();
      reason.value = '';
      message(done, false);
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
      shadow: cell('shadow'), automation: cell('automation'),
      shadowSummary: el('span', { class: 'shadow-summary' }), report: el('pre', { class: 'samples' }),
      automationText: el('div', { class: 'automation-text' })
    };
    parts.route.append(el('strong', {}, route.id), el('div', { class: 'muted paths' }));
    const diffs = el('details', { class: 'diffs', hidden: '' }, el('summary', {}, 'sample diffs'), parts.report);
    diffs.addEventListener('toggle', () => {
      if (diffs.open) {
        loadShadowReport(route.id, parts.report);
      }
    });
    parts.diffs = diffs;
    parts.shadow.append(parts.shadowSummary, diffs);
    const change = changeForm(route.id, route.stage);
    // a move names the whole placement: start from the groups the route has, so raising the percent keeps them
    change.groupsInput.value = (route.callerGroups || []).join(', ');
    parts.buttons = automationButtons(route.id, change.reason);
    parts.automation.append(parts.automationText, el('div', { class: 'change' }, parts.buttons.pause, parts.buttons.resume));
    parts.tr.append(parts.route, parts.stage, parts.legacy, parts.service, parts.shadow, parts.automation,
      el('td', { class: 'actions' }, change.form));
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
    parts.stage.append(el('span', { class: 'badge ' + route.stage }, stageText(route.stage, route.percent, route.callerGroups)),
      el('div', { class: 'muted' }, 'v' + route.version + (route.updatedBy ? ' by ' + route.updatedBy : '')));
    parts.legacy.textContent = sideText(route.stats && route.stats.legacy);
    parts.service.textContent = sideText(route.stats && route.stats.service)
      + (route.circuitBreaker ? ' · breaker ' + route.circuitBreaker : '');

    parts.shadowSummary.textContent = shadowText(route);
    parts.diffs.hidden = !(route.shadow && route.shadow.mismatches);
    if (!parts.diffs.hidden && parts.diffs.open) {
      loadShadowReport(route.id, parts.report);
    }

    const automation = route.automation;
    parts.automationText.textContent = '';
    if (automation) {
      parts.automationText.append(el('span', { class: 'badge automation-state ' + automation.state }, automation.state));
      automationLines(automation).forEach(line => parts.automationText.append(el('div', { class: 'muted' }, line)));
    } else {
      parts.automationText.textContent = '–';
    }
    parts.buttons.pause.hidden = !automation || automation.state !== 'running';
    parts.buttons.resume.hidden = !automation || !['paused', 'rolled-back'].includes(automation.state);
  }

  function figuresText(figures) {
    return Object.entries(figures || {}).filter(([, value]) => present(value))
      .map(([name, value]) => name + ' ' + value).join(' · ');
  }

  function renderAudit(entries) {
    const body = document.querySelector('#audit tbody');
    body.textContent = '';
    entries.forEach(entry => {
      const reason = el('td', {}, entry.reason);
      if (entry.figures) {
        reason.append(el('div', { class: 'muted' }, figuresText(entry.figures)));
      }
      body.append(el('tr', { class: 'audit-entry' },
        el('td', {}, new Date(entry.changedAt).toLocaleString()), el('td', {}, entry.routeId),
        el('td', {}, stageText(entry.fromStage, entry.fromPercent, entry.fromCallerGroups)),
        el('td', {}, stageText(entry.toStage, entry.toPercent, entry.toCallerGroups)),
        el('td', {}, entry.changedBy), reason));
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

  // A staff login also ends at the identity provider: the gateway names its end-session page, which comes back here.
  async function logout() {
    let next = '/admin/login';
    try {
      const answer = await api('POST', '/admin/logout');
      if (answer && answer.endSession) {
        next = answer.endSession;
      }
    } catch (error) {
      console.warn('logout: ' + error.message);
    }
    window.location.assign(next);
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
