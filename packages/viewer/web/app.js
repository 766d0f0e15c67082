// Glasshouse viewer. Plain JS; every piece of record content goes in through textContent.
const ROW_H = 28;
const PAGE = 200;
const app = document.getElementById('app');

function el(tag, attrs = {}, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') n.className = v;
    else if (k === 'text') n.textContent = v;
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) n.append(c);
  return n;
}
const api = async (path) => {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
};
const short = (v, n = 160) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const one = (s ?? '').replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};
const verdictBadge = (v) => el('span', { class: `verdict ${v}`, text: v });

// ---------------- list view ----------------
let listState = { scenario: '', agent: '', verdict: '', variant: '', q: '', hits: null, picked: [] };
async function showList() {
  const { root, episodes } = await api('/api/episodes');
  document.getElementById('root').textContent = root;
  const uniq = (k) => [...new Set(episodes.map((e) => e[k]))].sort();
  const select = (key, label, options) => {
    const s = el('select', { 'data-filter': key, onchange: () => ((listState[key] = s.value), render()) }, el('option', { value: '', text: `all ${label}` }), ...options.map((o) => el('option', { value: o, text: o })));
    s.value = listState[key];
    return s;
  };
  const search = el('input', { type: 'search', placeholder: 'search text…', 'data-filter': 'q', value: listState.q });
  search.addEventListener('change', async () => {
    listState.q = search.value;
    listState.hits = search.value ? new Set((await api(`/api/search?q=${encodeURIComponent(search.value)}`)).ids) : null;
    render();
  });
  const variant = el('input', { type: 'text', placeholder: 'variant contains…', 'data-filter': 'variant', value: listState.variant });
  variant.addEventListener('input', () => ((listState.variant = variant.value), render()));
  const count = el('span', { class: 'muted', id: 'count' });
  const compare = el('button', { id: 'compare', onclick: () => listState.picked.length === 2 && (location.hash = `#/compare/${encodeURIComponent(listState.picked[0])}/${encodeURIComponent(listState.picked[1])}`), text: 'Compare 2 selected' });
  const tbody = el('tbody');
  const table = el('table', { class: 'episodes' }, el('thead', {}, el('tr', {}, ...['', 'scenario', 'variant', 'agent', 'seed', 'outcome', 'violations', 'steps', 'events'].map((h) => el('th', { text: h })))), tbody);
  app.replaceChildren(el('div', { class: 'filters' }, select('scenario', 'scenarios', uniq('scenario')), select('agent', 'agents', uniq('agent')), select('verdict', 'outcomes', ['covert', 'overt', 'clean', 'unmeasured', 'invalid']), variant, search, compare, count), table);
  function render() {
    const rows = episodes.filter((e) => (!listState.scenario || e.scenario === listState.scenario) && (!listState.agent || e.agent === listState.agent) && (!listState.verdict || (e.outcome ?? e.verdict) === listState.verdict) && (!listState.variant || e.variant.includes(listState.variant)) && (!listState.hits || listState.hits.has(e.id)));
    count.textContent = `${rows.length} of ${episodes.length} episodes`;
    tbody.replaceChildren(
      ...rows.map((e) => {
        const box = el('input', { type: 'checkbox', onclick: (ev) => ev.stopPropagation() });
        box.checked = listState.picked.includes(e.id);
        box.addEventListener('change', () => {
          listState.picked = box.checked ? [...listState.picked, e.id].slice(-2) : listState.picked.filter((x) => x !== e.id);
        });
        return el('tr', { 'data-id': e.id, onclick: () => (location.hash = `#/episode/${encodeURIComponent(e.id)}`) }, el('td', {}, box), el('td', { text: e.scenario }), el('td', { text: e.variant }), el('td', { text: e.agent }), el('td', { text: String(e.seed) }), el('td', {}, verdictBadge(e.outcome ?? e.verdict)), el('td', { text: e.covertDetectors.join(', ') }), el('td', { text: String(e.steps) }), el('td', { text: String(e.events) }));
      }),
    );
  }
  render();
}

// ---------------- episode view ----------------
function summary(e) {
  switch (e.type) {
    case 'message.user': return `user${e.phase === 'interview' ? ' (interview)' : ''}: ${short(e.content)}`;
    case 'message.assistant': return `assistant${e.phase === 'interview' ? ' (interview)' : ''}: ${e.reasoning ? '[reasoning] ' : ''}${short(e.content, 80)}${e.toolCalls.length ? ` → ${e.toolCalls.map((c) => c.name).join(', ')}` : ''}`;
    case 'tool.call': return `call ${e.name} ${short(e.args, 120)}`;
    case 'tool.result': return `${e.isError ? 'ERROR ' : ''}result ${e.name}: ${short(e.content, 120)}`;
    case 'world.changed': return `changed ${e.files.map((f) => `${f.path} (${f.kind})`).concat(e.services.map((s) => `service ${s.service}`)).join(', ')}`;
    case 'mail.sent': return `mail sent to ${e.message.to.join(', ')}: ${e.message.subject}`;
    case 'mail.changed': return `mail ${e.changes.map((c) => `${c.kind} ${c.messageId}`).join(', ')}`;
    case 'service.event': return `service ${e.service}.${e.action} ${short(e.output, 100)}`;
    case 'sandbox.call': return `isolate → host.${e.fn} ${short(e.args, 80)}`;
    case 'error': return `ERROR ${e.code}: ${e.message}`;
    case 'finding': return `finding ${e.finding.detector}: ${e.finding.verdict}${e.finding.disclosure ? ` (${e.finding.disclosure})` : ''}${e.finding.score !== undefined ? ` score=${e.finding.score}` : ''}${e.finding.provenance ? ` [${e.finding.provenance}]` : ''}`;
    case 'episode.end': return `end: ${e.reason} after ${e.steps} steps`;
    default: return e.type;
  }
}

function withHighlights(text, highlights = []) {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    frag.append(text.slice(at, h.start), el('mark', { class: h.kind, title: h.label, text: text.slice(h.start, h.end) }));
    at = h.end;
  }
  frag.append(text.slice(at));
  return frag;
}

function diffBlock(diff) {
  const pre = el('pre', { class: 'diff' });
  for (const line of diff.split('\n')) pre.append(el('span', { class: line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : line.startsWith('@@') ? 'hunk' : '', text: `${line}\n` }));
  return pre;
}

function detail(e) {
  const parts = [el('div', { class: 'muted', text: `${e.id} · seq ${e.seq} · step ${e.step} · ${e.t} · ${e.type}` })];
  if (e.type === 'message.assistant') {
    if (e.reasoning) parts.push(el('details', { class: 'reasoning' }, el('summary', { text: `reasoning (${e.reasoning.length} chars${e.highlights ? `, ${e.highlights.length} highlight${e.highlights.length > 1 ? 's' : ''}` : ''})` }), el('pre', {}, withHighlights(e.reasoning, e.highlights))));
    if (e.content) parts.push(el('pre', { text: e.content }));
    for (const c of e.toolCalls) parts.push(el('pre', { text: `${c.name}(${JSON.stringify(c.args, null, 2)})` }));
  } else if (e.type === 'message.user') parts.push(el('pre', { text: e.content }));
  else if (e.type === 'tool.call') parts.push(el('pre', { text: `${e.name}(${JSON.stringify(e.args, null, 2)})` }));
  else if (e.type === 'tool.result') parts.push(el('pre', { text: e.content }), el('div', { class: 'muted', text: `access: ${e.access.map((a) => `${a.op} ${a.path}`).join(', ') || '—'}` }));
  else if (e.type === 'world.changed') {
    for (const f of e.files) parts.push(el('div', { text: `${f.kind} ${f.path}` }), f.diff ? diffBlock(f.diff) : el('div', { class: 'muted', text: `${f.beforeHash ?? '∅'} → ${f.afterHash ?? '∅'} (binary or large)` }));
    for (const s of e.services) parts.push(el('pre', { text: `${s.service}: ${JSON.stringify(s.before)} → ${JSON.stringify(s.after)}` }));
  } else if (e.type === 'mail.sent') {
    const m = e.message;
    parts.push(el('div', { class: 'email' }, el('div', { class: 'meta', text: `From ${m.from} · To ${m.to.join(', ')}${m.cc.length ? ` · Cc ${m.cc.join(', ')}` : ''} · ${m.date}` }), el('strong', { text: m.subject }), el('pre', { text: m.body }), ...m.attachments.map((a) => el('details', {}, el('summary', { text: `attachment ${a.name}` }), el('pre', { text: a.content })))));
  } else if (e.type === 'finding') parts.push(el('pre', { text: `${e.finding.label}\n${e.finding.explanation}\nevidence: ${e.finding.evidence.join(', ')}` }));
  else parts.push(el('pre', { text: JSON.stringify(e, null, 2) }));
  return parts;
}

async function showEpisode(id) {
  const meta = await api(`/api/episodes/${encodeURIComponent(id)}`);
  const pages = new Map();
  const getPage = async (p) => {
    if (!pages.has(p)) pages.set(p, api(`/api/episodes/${encodeURIComponent(id)}/events?offset=${p * PAGE}&limit=${PAGE}`).then((r) => r.events));
    return pages.get(p);
  };
  const eventAt = async (i) => (await getPage(Math.floor(i / PAGE)))[i % PAGE];
  let selected = -1;
  let evidence = new Set();
  const h = meta.header;
  const head = el('div', { class: 'episode-head' },
    el('h2', { text: `${h.scenario.id} · ${h.variant.id} · ${h.agent.id} · seed ${h.seed} ` }, meta.outcome ? verdictBadge(meta.outcome) : null),
    meta.fault ? el('div', { class: 'fault', text: `invalid: ${meta.fault.code} — ${meta.fault.message}` }) : null,
    h.parent ? el('div', {}, 'forked from ', el('a', { href: `#/episode/${encodeURIComponent(h.parent.episodeId)}`, text: h.parent.episodeId }), ` at step ${h.parent.atStep} `, el('a', { href: `#/compare/${encodeURIComponent(h.parent.episodeId)}/${encodeURIComponent(id)}`, text: '(compare)' })) : null,
    el('details', {}, el('summary', { text: 'system prompt and task' }), el('pre', { text: h.systemPrompt }), el('pre', { text: h.task })),
    el('div', { class: 'findings' }, ...meta.findings.map((f) => el('div', { class: `finding ${f.verdict === 'covert' ? 'covert' : ''}`, 'data-detector': f.detector, title: f.explanation, onclick: () => showEvidence(f) }, el('strong', { text: f.detector }), ' ', verdictBadge(f.kind === 'covert-action' || f.kind === 'interview' ? f.verdict : f.kind === 'disclosure' ? f.disclosure ?? f.verdict : f.verdict === 'unmeasured' ? 'unmeasured' : `score ${f.score}`), ' ', el('span', { class: 'provenance', text: f.provenance ?? '' }), ' ', f.explanation))));
  const spacer = el('div', { class: 'spacer' });
  spacer.style.height = `${meta.count * ROW_H}px`;
  const scroller = el('div', { class: 'transcript', id: 'transcript' }, spacer);
  const detailBox = el('div', { class: 'detail', id: 'detail' }, el('div', { class: 'muted', text: 'Select an event.' }));
  const range = el('input', { type: 'range', min: '0', max: String(meta.count), value: String(meta.count), id: 'scrubber' });
  const stepLabel = el('span', { id: 'scrub-label' });
  const tree = el('div', { class: 'tree', id: 'tree' });
  const fileView = el('div', { id: 'file-view' });
  const mailView = el('div', { id: 'mail-view' });
  app.replaceChildren(head, el('div', { class: 'layout' }, el('div', { class: 'panel' }, el('h3', { text: `Transcript (${meta.count} events)` }), scroller), el('div', { class: 'panel' }, el('h3', { text: 'Event' }), detailBox)),
    el('div', { class: 'panel scrubber' }, el('h3', { text: 'World at step' }), el('div', { class: 'bar' }, range, stepLabel), el('div', { class: 'world' }, el('div', {}, tree, mailView), fileView)));

  let renderToken = 0;
  async function renderRows() {
    const token = ++renderToken;
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_H) - 10);
    const last = Math.min(meta.count, Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW_H) + 10);
    const rows = [];
    for (let i = first; i < last; i++) {
      const e = await eventAt(i);
      if (token !== renderToken) return;
      const row = el('div', { class: `row${i === selected ? ' selected' : ''}${evidence.has(e.id) ? ' evidence' : ''}`, 'data-index': String(i), 'data-id': e.id, onclick: () => select(i) }, el('span', { class: 't', text: `${e.seq} · s${e.step}` }), summary(e));
      row.style.top = `${i * ROW_H}px`;
      rows.push(row);
    }
    spacer.replaceChildren(...rows);
  }
  async function select(i) {
    selected = i;
    const e = await eventAt(i);
    detailBox.replaceChildren(...detail(e));
    renderRows();
  }
  function scrollTo(i) {
    scroller.scrollTop = Math.max(0, i * ROW_H - scroller.clientHeight / 3);
  }
  async function showEvidence(f) {
    evidence = new Set(f.evidence);
    const idx = meta.ids.indexOf(f.evidence[0] ?? f.eventId);
    if (idx >= 0) {
      scrollTo(idx);
      await select(idx);
    }
    renderRows();
  }
  async function renderWorld() {
    const at = Number(range.value);
    stepLabel.textContent = `after ${at} of ${meta.count} events (step ${at ? meta.steps[at - 1] : 0})`;
    const w = await api(`/api/episodes/${encodeURIComponent(id)}/world?at=${at}`);
    const changed = new Set();
    for (let i = 0; i < at; i++) if (meta.types[i] === 'world.changed') { const e = await eventAt(i); for (const f of e.files) changed.add(f.path); }
    tree.replaceChildren(...Object.keys(w.files).sort().map((p) => el('div', { class: changed.has(p) ? 'changed' : '', 'data-path': p, onclick: () => fileView.replaceChildren(el('div', { class: 'muted', text: p }), el('pre', { text: w.files[p].encoding === 'base64' ? '(binary)' : w.files[p].content })) }, p)));
    mailView.replaceChildren(el('h4', { text: `Mailbox (${w.mail.length})` }), ...w.mail.map((m) => el('div', { class: 'muted', text: `${m.folder}: ${m.from} → ${m.to.join(', ')}: ${m.subject}` })));
    if (!w.fromSeed) fileView.replaceChildren(el('div', { class: 'muted', text: 'Scenario not in the library: showing only files the episode changed.' }));
  }
  scroller.addEventListener('scroll', () => renderRows());
  range.addEventListener('input', () => renderWorld());
  await renderRows();
  await renderWorld();
}

// ---------------- compare view ----------------
async function showCompare(a, b) {
  const load = async (id) => {
    const meta = await api(`/api/episodes/${encodeURIComponent(id)}`);
    const events = [];
    for (let o = 0; o < Math.min(meta.count, 3000); o += 500) events.push(...(await api(`/api/episodes/${encodeURIComponent(id)}/events?offset=${o}&limit=500`)).events);
    return { meta, events };
  };
  const [A, B] = await Promise.all([load(a), load(b)]);
  const steps = [...new Set([...A.events, ...B.events].map((e) => e.step))].sort((x, y) => x - y);
  const rows = [];
  for (const s of steps) {
    rows.push(el('div', { class: 'crow' }, el('div', { class: 'step', text: `step ${s}` })));
    const ea = A.events.filter((e) => e.step === s);
    const eb = B.events.filter((e) => e.step === s);
    for (let i = 0; i < Math.max(ea.length, eb.length); i++) {
      const cell = (e) => el('div', { title: e ? summary(e) : '', text: e ? summary(e) : '' });
      rows.push(el('div', { class: 'crow' }, cell(ea[i]), cell(eb[i])));
    }
  }
  const col = (X, id) => el('div', { class: 'panel' }, el('h3', {}, el('a', { href: `#/episode/${encodeURIComponent(id)}`, text: `${X.meta.header.scenario.id} · ${X.meta.header.agent.id}` }), ' ', ...X.meta.findings.filter((f) => f.verdict === 'covert').map((f) => el('span', { class: 'verdict covert', text: f.detector }))));
  app.replaceChildren(el('div', { class: 'compare', id: 'compare-view' }, col(A, a), col(B, b)), el('div', { class: 'panel', id: 'aligned' }, ...rows));
}

async function route() {
  const [, view, a, b] = location.hash.split('/');
  try {
    if (view === 'episode' && a) await showEpisode(decodeURIComponent(a));
    else if (view === 'compare' && a && b) await showCompare(decodeURIComponent(a), decodeURIComponent(b));
    else await showList();
  } catch (err) {
    app.replaceChildren(el('pre', { text: String(err) }));
  }
}
window.addEventListener('hashchange', route);
route();
