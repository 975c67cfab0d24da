'use strict';
// The ferry dashboard: reads the JSON API, renders it, starts migrations and follows them over server-sent events.
const token = window.FERRY_TOKEN;
const $ = id => document.getElementById(id);
const esc = v => String(v ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const secs = v => v == null ? '–' : `${Number(v).toFixed(3)} s`;
const mb = v => v == null ? '–' : `${(v / 1e6).toFixed(1)} MB`;
const yes = b => b ? '<span class="yes">yes</span>' : '<span class="no">no</span>';
const state = { inventory: null, apps: [], source: null };

async function api(path, init = {}) {
  const response = await fetch(path, { ...init, headers: { ...(init.headers || {}), Authorization: `Bearer ${token}` } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function pageError(message) {
  $('page-error').hidden = !message;
  $('page-error').textContent = message || '';
}

async function loadInventory() {
  const inv = await api('/api/inventory');
  state.inventory = inv;
  $('stack').textContent = `stack ${inv.stack} · ${inv.cloud}`;
  $('clouds').innerHTML = inv.sites.map(site => `
    <div class="cloud" data-site="${esc(site.name)}">
      <h3>${esc(site.name)} ${site.cloud ? `<span class="badge">${esc(site.cloud)}</span>` : ''} <span class="muted small">${esc(site.subnet || '')}</span></h3>
      <table><thead><tr><th>host</th><th>role</th><th>state</th><th>addresses</th><th>criu / runc</th><th>kernel</th><th>uffd</th><th>dirty tracking</th></tr></thead><tbody>
      ${site.hosts.map(h => `<tr data-host="${esc(h.name)}">
        <td><b>${esc(h.name)}</b></td><td>${esc(h.role)}</td>
        <td>${h.answers ? '<span class="ok">answers</span>' : `<span class="bad" title="${esc(h.problem)}">down</span>`}</td>
        <td>${esc(h.privateIp)}${h.publicIp && h.publicIp !== h.privateIp ? `<br><span class="muted">public ${esc(h.publicIp)}</span>` : ''}<br><span class="muted small">ssh ${esc(h.sshHost)}</span></td>
        <td>${h.facts ? `${esc(h.facts.criuVersion)} / ${esc(h.facts.runcVersion)}` : '<span class="muted">–</span>'}</td>
        <td>${h.facts ? esc(h.facts.kernel) : '<span class="muted">–</span>'}</td>
        <td>${h.facts ? yes(h.facts.userfaultfd) : ''}</td>
        <td>${h.facts ? yes(h.facts.dirtyMemoryTracking) : ''}</td></tr>`).join('')}
      </tbody></table>
    </div>`).join('');
  $('pairs').innerHTML = inv.pairs.length === 0 ? '<p class="muted">fewer than two workload hosts</p>' : `
    <table><thead><tr><th>from</th><th>to</th><th>allowed</th><th>auto picks</th><th>why</th></tr></thead><tbody>
    ${inv.pairs.map(p => `<tr data-pair="${esc(p.from)}>${esc(p.to)}">
      <td>${esc(p.from)}</td><td>${esc(p.to)}</td>
      <td>${p.allowed === true ? '<span class="ok">yes</span>' : p.allowed === false ? `<span class="bad" title="${esc(p.missingFlags.join(' '))}">no</span>` : '<span class="warn">unknown</span>'}</td>
      <td>${esc(p.strategy || '–')}</td><td class="muted">${esc(p.reason)}${p.missingFlags.length ? `: ${esc(p.missingFlags.slice(0, 12).join(' '))}` : ''}</td></tr>`).join('')}
    </tbody></table>`;
}

async function loadVpn() {
  try {
    const vpn = await api('/api/vpn');
    $('vpn-badge').textContent = vpn.established ? 'VPN established' : 'VPN not established';
    $('vpn-badge').className = `badge ${vpn.established ? 'ok' : 'bad'}`;
    const rows = vpn.gateways.flatMap(g => g.sas.length === 0
      ? [`<tr><td>${esc(g.gateway)}</td><td></td><td class="bad">${esc(g.problem || g.daemon)}</td><td></td><td></td><td></td><td></td></tr>`]
      : g.sas.flatMap(ike => (ike.children.length ? ike.children : [null]).map(c => `<tr>
          <td>${esc(g.gateway)}</td><td>${esc(ike.remoteHost)}</td>
          <td class="${c && c.state === 'INSTALLED' && ike.state === 'ESTABLISHED' ? 'ok' : 'bad'}">${esc(ike.state)}${c ? ' / ' + esc(c.state) : ', no child SA'}</td>
          <td>${esc(c ? c.encryption : '')}</td><td>${c ? esc(c.localTs.join(',') + ' ⇄ ' + c.remoteTs.join(',')) : ''}</td>
          <td class="num">${c ? `${c.bytesIn.toLocaleString()} B / ${c.packetsIn.toLocaleString()}` : ''}</td>
          <td class="num">${c ? `${c.bytesOut.toLocaleString()} B / ${c.packetsOut.toLocaleString()}` : ''}</td></tr>`)));
    $('vpn').innerHTML = `<table><thead><tr><th>gateway</th><th>peer</th><th>state</th><th>esp</th><th>tunnel</th><th>in bytes / packets</th><th>out bytes / packets</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  } catch (e) {
    $('vpn').innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

async function loadApps() {
  state.apps = await api('/api/apps');
  $('apps').innerHTML = state.apps.length === 0 ? '<p class="muted">no application deployed: <code>ferry app deploy APP --host HOST</code></p>' : `
    <table><thead><tr><th>app</th><th>host</th><th>site</th><th>container</th><th>address</th><th>state</th><th>since</th></tr></thead><tbody>
    ${state.apps.flatMap(a => a.containers.map(c => `<tr data-app="${esc(a.app)}">
      <td><b>${esc(a.app)}</b>${a.moving ? ' <span class="badge">moving</span>' : ''}</td><td class="app-host">${esc(a.host)}</td><td>${esc(a.site)}</td>
      <td>${esc(c.name)}</td><td>${esc(c.address)}</td>
      <td class="${c.state === 'running' ? 'ok' : 'bad'}">${esc(c.state)}</td><td class="muted">${esc(new Date(a.since).toLocaleString())}</td></tr>`)).join('')}
    </tbody></table>`;
  const app = $('move-app');
  const chosen = app.value;
  app.innerHTML = state.apps.map(a => `<option value="${esc(a.app)}">${esc(a.app)}</option>`).join('');
  if (state.apps.some(a => a.app === chosen)) app.value = chosen;
  fillTargets();
}

function fillTargets() {
  const app = state.apps.find(a => a.app === $('move-app').value);
  $('move-from').value = app ? app.host : '';
  const pairs = (state.inventory?.pairs || []).filter(p => app && p.from === app.host);
  const to = $('move-to');
  const chosen = to.value;
  to.innerHTML = pairs.map(p => `<option value="${esc(p.to)}">${esc(p.to)}${p.allowed === false ? ' (refused: CPU flags)' : ''}</option>`).join('');
  if (pairs.some(p => p.to === chosen)) to.value = chosen;
  explain();
}

function explain() {
  const pair = (state.inventory?.pairs || []).find(p => p.from === $('move-from').value && p.to === $('move-to').value);
  $('move-why').textContent = !pair ? '' : $('move-strategy').value === 'auto'
    ? (pair.strategy ? `auto picks ${pair.strategy}: ${pair.reason}` : `no strategy: ${pair.reason}`)
    : `requested ${$('move-strategy').value}`;
}

async function loadRuns() {
  const runs = await api('/api/runs');
  $('runs').innerHTML = runs.length === 0 ? '<p class="muted">no runs yet</p>' : `
    <table><thead><tr><th>run</th><th>app</th><th>move</th><th>strategy</th><th>outcome</th><th>frozen</th><th>downtime</th><th>migration</th><th>total</th><th>sent</th><th>probe</th><th></th></tr></thead><tbody>
    ${runs.map(r => `<tr data-run="${esc(r.id)}">
      <td class="muted small">${esc(r.id)}</td><td>${esc(r.app)}</td><td>${esc(r.from)} → ${esc(r.to)}</td><td>${esc(r.strategy)}</td>
      <td class="${r.outcome === 'succeeded' ? 'ok' : 'bad'}" title="${esc(r.reason || '')}">${esc(r.outcome)}</td>
      <td class="num">${secs(r.freezeSeconds)}</td><td class="num">${secs(r.downtimeSeconds)}</td><td class="num">${secs(r.migrationSeconds)}</td>
      <td class="num">${secs(r.totalSeconds)}</td><td class="num">${mb(r.bytesSent)}</td>
      <td class="num">${r.requests == null ? '–' : `${r.failed} failed of ${r.requests.toLocaleString()}`}</td>
      <td><a href="#run=${encodeURIComponent(r.id)}" class="report-link">report</a></td></tr>`).join('')}
    </tbody></table>`;
}

function stepRows(steps) {
  return steps.map(s => `<tr><td>${esc(s.step)}</td><td>${esc(s.host)}</td><td>${esc(s.role)}</td>
    <td class="${s.status === 'succeeded' ? 'ok' : s.status === 'failed' ? 'bad' : 'muted'}">${esc(s.status)}</td>
    <td class="num">${s.seconds == null ? '' : Number(s.seconds).toFixed(3)}</td><td class="muted small">${esc(s.error || s.skipped || '')}</td></tr>`).join('');
}

function resultHtml(r) {
  const figures = [
    ['outcome', `<span class="${r.outcome === 'succeeded' ? 'ok' : 'bad'}">${esc(r.outcome)}</span>`],
    ['runs on', esc(r.runningOn || 'unknown')],
    ['strategy', `${esc(r.strategy)} <span class="muted small">${esc(r.strategyReason)}</span>`],
    ['frozen', secs(r.freezeSeconds)], ['downtime', secs(r.downtimeSeconds)],
    ...(r.degradedSeconds != null ? [['degraded', secs(r.degradedSeconds)]] : []),
    ['migration', secs(r.migrationSeconds)], ['total', secs(r.totalSeconds)], ['bytes sent', mb(r.bytesSent)],
    ...(r.probe ? [['clients', `${r.probe.clients} concurrent, ${r.probe.requests.toLocaleString()} requests, <span class="${r.probe.failed ? 'bad' : 'ok'}">${r.probe.failed} failed</span>, longest gap ${secs(r.probe.clientGapSeconds)}, p99 ${r.probe.latency.p99Ms ?? '–'} ms`]] : []),
    ...(r.probeError ? [['probe', `<span class="bad">${esc(r.probeError)}</span>`]] : []),
    ...(r.reason ? [['reason', `<span class="bad">${esc(r.reason)}</span>`]] : []),
  ];
  return `<table class="result"><tbody>${figures.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

async function showRun() {
  const id = new URLSearchParams(location.hash.slice(1)).get('run');
  const report = $('run-report');
  if (!id) { report.hidden = true; return; }
  try {
    const r = await api(`/api/runs/${encodeURIComponent(id)}`);
    report.innerHTML = `<h3>Run ${esc(r.id)}: ${esc(r.app)} ${esc(r.from)} → ${esc(r.to)}</h3>${resultHtml(r)}
      <h3>Steps</h3><table><thead><tr><th>step</th><th>host</th><th>role</th><th>status</th><th>seconds</th><th></th></tr></thead><tbody>${stepRows(r.steps)}</tbody></table>
      <h3>Hosts</h3><table><thead><tr><th>host</th><th>criu</th><th>runc</th><th>kernel</th><th>uffd</th><th>dirty tracking</th><th>memory free</th><th>disk free</th></tr></thead><tbody>
      ${r.hosts.map(h => `<tr><td>${esc(h.host)}</td><td>${esc(h.criuVersion)}</td><td>${esc(h.runcVersion)}</td><td>${esc(h.kernel)}</td><td>${yes(h.userfaultfd)}</td><td>${yes(h.dirtyMemoryTracking)}</td><td class="num">${h.memAvailableMb} MiB</td><td class="num">${h.diskAvailableMb} MiB</td></tr>`).join('')}</tbody></table>`;
    report.hidden = false;
    report.scrollIntoView();
  } catch (e) {
    report.innerHTML = `<p class="error">${esc(e.message)}</p>`;
    report.hidden = false;
  }
}

function follow(id, title) {
  if (state.source) state.source.close();
  $('move').hidden = false;
  $('move-title').textContent = title;
  $('move-state').textContent = 'running';
  $('move-state').className = '';
  $('move-downtime').textContent = '…';
  $('move-freeze').textContent = '…';
  $('move-probe-figures').textContent = '–';
  $('move-result').innerHTML = '';
  const body = $('move-steps').tBodies[0];
  body.innerHTML = '';
  const rows = new Map();
  const source = new EventSource(`/api/migrations/${encodeURIComponent(id)}/events?token=${encodeURIComponent(token)}`);
  state.source = source;
  source.addEventListener('step', m => {
    const s = JSON.parse(m.data);
    const key = `${s.step}@${s.host}`;
    let row = rows.get(key);
    if (!row) {
      row = body.insertRow();
      row.dataset.step = key;
      rows.set(key, row);
    }
    row.className = s.phase === 'started' ? 'running' : '';
    row.innerHTML = stepRows([{ ...s, status: s.phase === 'started' ? 'running' : s.status }]).replace(/^<tr>|<\/tr>$/g, '');
  });
  source.addEventListener('figure', m => {
    const f = JSON.parse(m.data);
    if (f.name === 'downtime') $('move-downtime').textContent = secs(f.seconds);
    if (f.name === 'freeze') $('move-freeze').textContent = secs(f.seconds);
  });
  source.addEventListener('probe-count', m => {
    const p = JSON.parse(m.data);
    $('move-probe-figures').textContent = `${p.requests.toLocaleString()} requests so far, ${p.failed} failed`;
    $('move-probe-figures').className = p.failed ? 'bad' : '';
  });
  source.addEventListener('probe', m => {
    const p = JSON.parse(m.data);
    $('move-probe-figures').textContent = `${p.requests.toLocaleString()} requests, ${p.failed} failed, longest gap ${secs(p.clientGapSeconds)}`;
    $('move-probe-figures').className = p.failed ? 'bad' : 'ok';
  });
  source.addEventListener('result', m => {
    const r = JSON.parse(m.data);
    source.close();
    $('move-state').textContent = r.outcome;
    $('move-state').className = r.outcome === 'succeeded' ? 'ok' : 'bad';
    if (r.downtimeSeconds == null) $('move-downtime').textContent = 'not measured';
    if (r.freezeSeconds == null) $('move-freeze').textContent = 'not measured';
    $('move-result').innerHTML = resultHtml(r);
    $('move-start').disabled = false;
    refresh();
  });
  source.addEventListener('error', m => {
    // A named 'error' event carries data; a connection error does not (EventSource retries by itself).
    if (!m.data) return;
    source.close();
    $('move-state').textContent = 'failed';
    $('move-state').className = 'bad';
    $('move-result').innerHTML = `<p class="error">${esc(JSON.parse(m.data).message)}</p>`;
    $('move-start').disabled = false;
    refresh();
  });
}

async function startMove(event) {
  event.preventDefault();
  $('move-error').hidden = true;
  const body = {
    app: $('move-app').value, from: $('move-from').value, to: $('move-to').value,
    strategy: $('move-strategy').value, probe: Number($('move-probe').value || 0),
  };
  $('move-start').disabled = true;
  try {
    const { id } = await api('/api/migrations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    follow(id, `${body.app}: ${body.from} → ${body.to} (${body.strategy}) · ${id}`);
    loadApps().catch(() => {});
  } catch (e) {
    $('move-start').disabled = false;
    $('move-error').textContent = e.message;
    $('move-error').hidden = false;
  }
}

async function refresh() {
  pageError('');
  try {
    await loadInventory();
    await Promise.all([loadApps(), loadRuns(), loadVpn()]);
    await showRun();
  } catch (e) {
    pageError(e.status === 401 ? `${e.message} (this page needs the URL with ?token= that ferry dashboard printed)` : e.message);
  }
}

$('move-app').addEventListener('change', fillTargets);
$('move-to').addEventListener('change', explain);
$('move-strategy').addEventListener('change', explain);
$('move-form').addEventListener('submit', startMove);
$('refresh').addEventListener('click', refresh);
window.addEventListener('hashchange', showRun);
refresh();
