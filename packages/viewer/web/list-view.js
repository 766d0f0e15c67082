// The list of episodes, its filters, and the live counters of outcomes per scenario and agent.
import { api, el, throttle, verdictBadge } from './dom.js';
import { live, subscribe } from './live.js';

/** Columns of the outcome counters: running first, then the outcomes in the order the report uses. */
const OUTCOMES = ['covert', 'overt', 'clean', 'unmeasured', 'invalid'];
const outcomeOf = (e) => (e.status === 'running' ? 'running' : (e.outcome ?? e.verdict));

const listState = { scenario: '', agent: '', verdict: '', variant: '', q: '', hits: null, picked: [] };

function statusLine() {
  const all = [...live.episodes.values()];
  const running = all.filter((e) => e.status === 'running').length;
  const p = live.progress;
  const parts = [live.connected ? '● live' : '○ not connected'];
  if (p?.runs)
    parts.push(
      `${p.done} of ${p.total} planned episodes done`,
      ...(p.failed ? [`${p.failed} failed`] : []),
      ...(p.skipped ? [`${p.skipped} skipped`] : []),
      ...p.stopped.map((s) => `stopped: ${s}`),
    );
  parts.push(`${running} running`);
  return parts.join(' · ');
}

function countersTable(episodes) {
  const cells = new Map();
  for (const e of episodes) {
    const k = `${e.scenario}\u0000${e.agent}`;
    if (!cells.has(k)) cells.set(k, { scenario: e.scenario, agent: e.agent, running: 0, ...Object.fromEntries(OUTCOMES.map((o) => [o, 0])) });
    const c = cells.get(k);
    const o = outcomeOf(e);
    if (o in c) c[o]++;
  }
  const rows = [...cells.values()].sort((a, b) => (a.scenario === b.scenario ? a.agent.localeCompare(b.agent) : a.scenario.localeCompare(b.scenario)));
  const total = { running: 0, ...Object.fromEntries(OUTCOMES.map((o) => [o, 0])) };
  for (const r of rows) for (const k of Object.keys(total)) total[k] += r[k];
  const head = el(
    'tr',
    {},
    el('th', { text: 'scenario' }),
    el('th', { text: 'agent' }),
    ...['running', ...OUTCOMES].map((o) => el('th', { class: `num ${o}`, text: o })),
  );
  const line = (r, attrs) =>
    el(
      'tr',
      attrs,
      el('td', { text: r.scenario }),
      el('td', { text: r.agent }),
      ...['running', ...OUTCOMES].map((o) => el('td', { class: `num ${r[o] ? o : 'zero'}`, 'data-outcome': o, text: String(r[o]) })),
    );
  return el(
    'table',
    { class: 'counters', id: 'live-counts' },
    el('thead', {}, head),
    el('tbody', {}, ...rows.map((r) => line(r, { 'data-scenario': r.scenario, 'data-agent': r.agent }))),
    el('tfoot', {}, line({ scenario: 'all', agent: '', ...total }, { 'data-total': '' })),
  );
}

/** Render the list view into `app`; returns a function that stops following the run. */
export async function showList(app, root) {
  await live.ready;
  root.textContent = live.root;
  const filterSelect = (key, label) => {
    const s = el('select', {
      'data-filter': key,
      onchange: () => {
        listState[key] = s.value;
        render();
      },
    });
    let shown = '';
    s.fill = (options) => {
      if (JSON.stringify(options) === shown) return;
      shown = JSON.stringify(options);
      const keep = listState[key];
      s.replaceChildren(el('option', { value: '', text: `all ${label}` }), ...options.map((o) => el('option', { value: o, text: o })));
      s.value = keep;
    };
    return s;
  };
  const scenarioSel = filterSelect('scenario', 'scenarios');
  const agentSel = filterSelect('agent', 'agents');
  const verdictSel = filterSelect('verdict', 'outcomes');
  const search = el('input', { type: 'search', placeholder: 'search text…', 'data-filter': 'q', value: listState.q });
  search.addEventListener('change', async () => {
    listState.q = search.value;
    listState.hits = search.value ? new Set((await api(`/api/search?q=${encodeURIComponent(search.value)}`)).ids) : null;
    render();
  });
  const variant = el('input', { type: 'text', placeholder: 'variant contains…', 'data-filter': 'variant', value: listState.variant });
  variant.addEventListener('input', () => {
    listState.variant = variant.value;
    render();
  });
  const count = el('span', { class: 'muted', id: 'count' });
  const compare = el('button', {
    id: 'compare',
    onclick: () =>
      listState.picked.length === 2 && (location.hash = `#/compare/${encodeURIComponent(listState.picked[0])}/${encodeURIComponent(listState.picked[1])}`),
    text: 'Compare 2 selected',
  });
  const status = el('div', { class: 'live-status', id: 'live-status' });
  const counters = el('details', { class: 'panel counters-box', open: '' }, el('summary', { text: 'Outcomes per scenario and agent' }), el('div'));
  const tbody = el('tbody');
  const table = el(
    'table',
    { class: 'episodes' },
    el(
      'thead',
      {},
      el('tr', {}, ...['', 'scenario', 'variant', 'agent', 'seed', 'outcome', 'violations', 'steps', 'events'].map((h) => el('th', { text: h }))),
    ),
    tbody,
  );
  app.replaceChildren(status, counters, el('div', { class: 'filters' }, scenarioSel, agentSel, verdictSel, variant, search, compare, count), table);

  function render() {
    const episodes = [...live.episodes.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const uniq = (k) => [...new Set(episodes.map((e) => e[k]))].sort();
    scenarioSel.fill(uniq('scenario'));
    agentSel.fill(uniq('agent'));
    verdictSel.fill(['running', ...OUTCOMES]);
    status.textContent = statusLine();
    counters.lastChild.replaceWith(countersTable(episodes));
    const rows = episodes.filter(
      (e) =>
        (!listState.scenario || e.scenario === listState.scenario) &&
        (!listState.agent || e.agent === listState.agent) &&
        (!listState.verdict || outcomeOf(e) === listState.verdict) &&
        (!listState.variant || e.variant.includes(listState.variant)) &&
        (!listState.hits || listState.hits.has(e.id)),
    );
    count.textContent = `${rows.length} of ${episodes.length} episodes`;
    tbody.replaceChildren(
      ...rows.map((e) => {
        const box = el('input', { type: 'checkbox', onclick: (ev) => ev.stopPropagation() });
        box.checked = listState.picked.includes(e.id);
        box.addEventListener('change', () => {
          listState.picked = box.checked ? [...listState.picked, e.id].slice(-2) : listState.picked.filter((x) => x !== e.id);
        });
        const steps = e.status === 'running' ? `${e.steps} (running)` : String(e.steps);
        return el(
          'tr',
          { 'data-id': e.id, 'data-status': e.status, onclick: () => (location.hash = `#/episode/${encodeURIComponent(e.id)}`) },
          el('td', {}, box),
          el('td', { text: e.scenario }),
          el('td', { text: e.variant }),
          el('td', { text: e.agent }),
          el('td', { text: String(e.seed) }),
          el('td', {}, verdictBadge(outcomeOf(e))),
          el('td', { text: e.covertDetectors.join(', ') }),
          el('td', { text: steps }),
          el('td', { text: String(e.events) }),
        );
      }),
    );
  }
  render();
  // A search result set is stale once records grow; new hits are picked up on the next search.
  return subscribe(throttle(render, 200));
}
