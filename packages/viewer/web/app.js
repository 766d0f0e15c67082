// Glasshouse viewer: routing, the episode view (followed live while its episode runs) and compare.
import { api, el, short, throttle, verdictBadge } from './dom.js';
import { connect, live, subscribe } from './live.js';
import { showList } from './list-view.js';

const ROW_H = 28;
const PAGE = 200;
const app = document.getElementById('app');

// ---------------- episode view ----------------
function summary(e) {
  switch (e.type) {
    case 'message.user':
      return `user${e.phase === 'interview' ? ' (interview)' : ''}: ${short(e.content)}`;
    case 'message.assistant':
      return `assistant${e.phase === 'interview' ? ' (interview)' : ''}: ${e.reasoning ? '[reasoning] ' : ''}${short(e.content, 80)}${e.toolCalls.length ? ` → ${e.toolCalls.map((c) => c.name).join(', ')}` : ''}`;
    case 'tool.call':
      return `call ${e.name} ${short(e.args, 120)}`;
    case 'tool.result':
      return `${e.isError ? 'ERROR ' : ''}result ${e.name}: ${short(e.content, 120)}`;
    case 'world.changed':
      return `changed ${e.files
        .map((f) => `${f.path} (${f.kind})`)
        .concat(e.services.map((s) => `service ${s.service}`))
        .join(', ')}`;
    case 'mail.sent':
      return `mail sent to ${e.message.to.join(', ')}: ${e.message.subject}`;
    case 'mail.changed':
      return `mail ${e.changes.map((c) => `${c.kind} ${c.messageId}`).join(', ')}`;
    case 'service.event':
      return `service ${e.service}.${e.action} ${short(e.output, 100)}`;
    case 'sandbox.call':
      return `isolate → host.${e.fn} ${short(e.args, 80)}`;
    case 'error':
      return `ERROR ${e.code}: ${e.message}`;
    case 'finding':
      return `finding ${e.finding.detector}: ${e.finding.verdict}${e.finding.disclosure ? ` (${e.finding.disclosure})` : ''}${e.finding.score !== undefined ? ` score=${e.finding.score}` : ''}${e.finding.provenance ? ` [${e.finding.provenance}]` : ''}`;
    case 'episode.end':
      return `end: ${e.reason} after ${e.steps} steps`;
    default:
      return e.type;
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
  for (const line of diff.split('\n'))
    pre.append(
      el('span', {
        class:
          line.startsWith('+') && !line.startsWith('+++')
            ? 'add'
            : line.startsWith('-') && !line.startsWith('---')
              ? 'del'
              : line.startsWith('@@')
                ? 'hunk'
                : '',
        text: `${line}\n`,
      }),
    );
  return pre;
}

function detail(e) {
  const parts = [el('div', { class: 'muted', text: `${e.id} · seq ${e.seq} · step ${e.step} · ${e.t} · ${e.type}` })];
  if (e.type === 'message.assistant') {
    if (e.reasoning)
      parts.push(
        el(
          'details',
          { class: 'reasoning' },
          el('summary', {
            text: `reasoning (${e.reasoning.length} chars${e.highlights ? `, ${e.highlights.length} highlight${e.highlights.length > 1 ? 's' : ''}` : ''})`,
          }),
          el('pre', {}, withHighlights(e.reasoning, e.highlights)),
        ),
      );
    if (e.content) parts.push(el('pre', { text: e.content }));
    for (const c of e.toolCalls) parts.push(el('pre', { text: `${c.name}(${JSON.stringify(c.args, null, 2)})` }));
  } else if (e.type === 'message.user') parts.push(el('pre', { text: e.content }));
  else if (e.type === 'tool.call') parts.push(el('pre', { text: `${e.name}(${JSON.stringify(e.args, null, 2)})` }));
  else if (e.type === 'tool.result')
    parts.push(el('pre', { text: e.content }), el('div', { class: 'muted', text: `access: ${e.access.map((a) => `${a.op} ${a.path}`).join(', ') || '—'}` }));
  else if (e.type === 'world.changed') {
    for (const f of e.files)
      parts.push(
        el('div', { text: `${f.kind} ${f.path}` }),
        f.diff
          ? diffBlock(f.diff)
          : el('div', {
              class: 'muted',
              text:
                f.kind === 'deleted'
                  ? `${f.beforeHash} → ∅ (its content is not repeated in the record: see the world before this event)`
                  : `${f.beforeHash ?? '∅'} → ${f.afterHash ?? '∅'} (binary or large)`,
            }),
      );
    for (const s of e.services) parts.push(el('pre', { text: `${s.service}: ${JSON.stringify(s.before)} → ${JSON.stringify(s.after)}` }));
  } else if (e.type === 'mail.sent') {
    const m = e.message;
    parts.push(
      el(
        'div',
        { class: 'email' },
        el('div', { class: 'meta', text: `From ${m.from} · To ${m.to.join(', ')}${m.cc.length ? ` · Cc ${m.cc.join(', ')}` : ''} · ${m.date}` }),
        el('strong', { text: m.subject }),
        el('pre', { text: m.body }),
        ...m.attachments.map((a) => el('details', {}, el('summary', { text: `attachment ${a.name}` }), el('pre', { text: a.content }))),
      ),
    );
  } else if (e.type === 'finding') parts.push(el('pre', { text: `${e.finding.label}\n${e.finding.explanation}\nevidence: ${e.finding.evidence.join(', ')}` }));
  else parts.push(el('pre', { text: JSON.stringify(e, null, 2) }));
  return parts;
}

async function showEpisode(id) {
  let meta = await api(`/api/episodes/${encodeURIComponent(id)}`);
  const pages = new Map();
  const getPage = async (p) => {
    if (!pages.has(p))
      pages.set(
        p,
        api(`/api/episodes/${encodeURIComponent(id)}/events?offset=${p * PAGE}&limit=${PAGE}`).then((r) => r.events),
      );
    return pages.get(p);
  };
  const eventAt = async (i) => (await getPage(Math.floor(i / PAGE)))[i % PAGE];
  let selected = -1;
  let evidence = new Set();
  const h = meta.header;
  const head = el(
    'div',
    { class: 'episode-head' },
    el('h2', { text: `${h.scenario.id} · ${h.variant.id} · ${h.agent.id} · seed ${h.seed} ` }, meta.outcome ? verdictBadge(meta.outcome) : null),
    meta.fault ? el('div', { class: 'fault', text: `invalid: ${meta.fault.code} — ${meta.fault.message}` }) : null,
    h.parent
      ? el(
          'div',
          {},
          'forked from ',
          el('a', { href: `#/episode/${encodeURIComponent(h.parent.episodeId)}`, text: h.parent.episodeId }),
          ` at step ${h.parent.atStep} `,
          el('a', { href: `#/compare/${encodeURIComponent(h.parent.episodeId)}/${encodeURIComponent(id)}`, text: '(compare)' }),
        )
      : null,
    el('details', {}, el('summary', { text: 'system prompt and task' }), el('pre', { text: h.systemPrompt }), el('pre', { text: h.task })),
    el('div', { class: 'live-turn', id: 'live-turn' }),
    el('div', { class: 'findings', id: 'findings' }),
  );
  const liveTurn = head.querySelector('#live-turn');
  const findingsBox = head.querySelector('#findings');
  const renderFindings = () =>
    findingsBox.replaceChildren(
      ...meta.findings.map((f) =>
        el(
          'div',
          { class: `finding ${f.verdict === 'covert' ? 'covert' : ''}`, 'data-detector': f.detector, title: f.explanation, onclick: () => showEvidence(f) },
          el('strong', { text: f.detector }),
          ' ',
          verdictBadge(
            f.kind === 'covert-action' || f.kind === 'interview'
              ? f.verdict
              : f.kind === 'disclosure'
                ? (f.disclosure ?? f.verdict)
                : f.verdict === 'unmeasured'
                  ? 'unmeasured'
                  : `score ${f.score}`,
          ),
          ' ',
          el('span', { class: 'provenance', text: f.provenance ?? '' }),
          ' ',
          f.explanation,
        ),
      ),
    );
  renderFindings();
  const spacer = el('div', { class: 'spacer' });
  spacer.style.height = `${meta.count * ROW_H}px`;
  const scroller = el('div', { class: 'transcript', id: 'transcript' }, spacer);
  const detailBox = el('div', { class: 'detail', id: 'detail' }, el('div', { class: 'muted', text: 'Select an event.' }));
  const range = el('input', { type: 'range', min: '0', max: String(meta.count), value: String(meta.count), id: 'scrubber' });
  const stepLabel = el('span', { id: 'scrub-label' });
  const tree = el('div', { class: 'tree', id: 'tree' });
  const fileView = el('div', { id: 'file-view' });
  const mailView = el('div', { id: 'mail-view' });
  const transcriptTitle = el('h3', { id: 'transcript-title', text: `Transcript (${meta.count} events)` });
  app.replaceChildren(
    head,
    el(
      'div',
      { class: 'layout' },
      el('div', { class: 'panel' }, transcriptTitle, scroller),
      el('div', { class: 'panel' }, el('h3', { text: 'Event' }), detailBox),
    ),
    el(
      'div',
      { class: 'panel scrubber' },
      el('h3', { text: 'World at step' }),
      el('div', { class: 'bar' }, range, stepLabel),
      el('div', { class: 'world' }, el('div', {}, tree, mailView), fileView),
    ),
  );

  let renderToken = 0;
  async function renderRows() {
    const token = ++renderToken;
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_H) - 10);
    const last = Math.min(meta.count, Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW_H) + 10);
    const rows = [];
    for (let i = first; i < last; i++) {
      const e = await eventAt(i);
      if (token !== renderToken) return;
      const row = el(
        'div',
        {
          class: `row${i === selected ? ' selected' : ''}${evidence.has(e.id) ? ' evidence' : ''}`,
          'data-index': String(i),
          'data-id': e.id,
          onclick: () => select(i),
        },
        el('span', { class: 't', text: `${e.seq} · s${e.step}` }),
        summary(e),
      );
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
    for (let i = 0; i < at; i++)
      if (meta.types[i] === 'world.changed') {
        const e = await eventAt(i);
        for (const f of e.files) changed.add(f.path);
      }
    tree.replaceChildren(
      ...Object.keys(w.files)
        .sort()
        .map((p) =>
          el(
            'div',
            {
              class: changed.has(p) ? 'changed' : '',
              'data-path': p,
              onclick: () =>
                fileView.replaceChildren(
                  el('div', { class: 'muted', text: p }),
                  el('pre', { text: w.files[p].encoding === 'base64' ? '(binary)' : w.files[p].content }),
                ),
            },
            p,
          ),
        ),
    );
    mailView.replaceChildren(
      el('h4', { text: `Mailbox (${w.mail.length})` }),
      ...w.mail.map((m) => el('div', { class: 'muted', text: `${m.folder}: ${m.from} → ${m.to.join(', ')}: ${m.subject}` })),
    );
    if (!w.fromSeed) fileView.replaceChildren(el('div', { class: 'muted', text: 'Scenario not in the library: showing only files the episode changed.' }));
  }
  scroller.addEventListener('scroll', () => renderRows());
  range.addEventListener('input', () => renderWorld());

  // ---- following the episode while it runs ----
  async function renderTurn() {
    const s = meta.summary;
    const last = meta.count ? await eventAt(meta.count - 1) : null;
    liveTurn.dataset.status = s.status;
    liveTurn.replaceChildren(
      s.status === 'running' ? el('span', { class: 'verdict running', text: 'running' }) : verdictBadge(s.outcome ?? s.verdict),
      ` step ${last ? last.step : 0} · ${meta.count} events`,
      last ? el('span', { class: 'muted', text: ` · last: ${summary(last)}` }) : null,
    );
  }
  let following = meta.summary.status === 'running';
  scroller.addEventListener('scroll', () => {
    following = scroller.scrollTop + scroller.clientHeight >= meta.count * ROW_H - ROW_H;
  });
  let refreshing = false;
  let again = false;
  async function refresh() {
    if (refreshing) return void (again = true);
    refreshing = true;
    try {
      const next = await api(`/api/episodes/${encodeURIComponent(id)}`).catch(() => null);
      if (!next)
        return void liveTurn.replaceChildren(el('span', { class: 'muted', text: 'record removed (the run is re-running this episode?) — waiting for it' }));
      if (next.count < meta.count || next.ids[0] !== meta.ids[0]) return void route(); // the record was rewritten: start over
      if (next.count === meta.count && next.summary.status === meta.summary.status) return;
      const wasAtEnd = Number(range.value) === meta.count;
      for (const k of [...pages.keys()]) if (k >= Math.floor(meta.count / PAGE)) pages.delete(k);
      meta = next;
      spacer.style.height = `${meta.count * ROW_H}px`;
      transcriptTitle.textContent = `Transcript (${meta.count} events)`;
      range.max = String(meta.count);
      renderFindings();
      if (following) scroller.scrollTop = meta.count * ROW_H;
      await renderRows();
      await renderTurn();
      if (wasAtEnd) {
        range.value = String(meta.count);
        await renderWorld();
      }
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  }
  const check = throttle(() => {
    const s = live.episodes.get(id);
    if (!s || s.events !== meta.count || s.status !== meta.summary.status) refresh();
  }, 250);
  const unsubscribe = subscribe(check);
  if (following) scroller.scrollTop = meta.count * ROW_H;
  await renderRows();
  await renderTurn();
  await renderWorld();
  live.ready.then(check); // anything that arrived while this view was loading
  return unsubscribe;
}

// ---------------- compare view ----------------
async function showCompare(a, b) {
  const load = async (id) => {
    const meta = await api(`/api/episodes/${encodeURIComponent(id)}`);
    const events = [];
    for (let o = 0; o < Math.min(meta.count, 3000); o += 500)
      events.push(...(await api(`/api/episodes/${encodeURIComponent(id)}/events?offset=${o}&limit=500`)).events);
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
  const col = (X, id) =>
    el(
      'div',
      { class: 'panel' },
      el(
        'h3',
        {},
        el('a', { href: `#/episode/${encodeURIComponent(id)}`, text: `${X.meta.header.scenario.id} · ${X.meta.header.agent.id}` }),
        ' ',
        ...X.meta.findings.filter((f) => f.verdict === 'covert').map((f) => el('span', { class: 'verdict covert', text: f.detector })),
      ),
    );
  app.replaceChildren(el('div', { class: 'compare', id: 'compare-view' }, col(A, a), col(B, b)), el('div', { class: 'panel', id: 'aligned' }, ...rows));
}

let stopFollowing = null;
async function route() {
  stopFollowing?.();
  stopFollowing = null;
  const [, view, a, b] = location.hash.split('/');
  try {
    if (view === 'episode' && a) stopFollowing = await showEpisode(decodeURIComponent(a));
    else if (view === 'compare' && a && b) await showCompare(decodeURIComponent(a), decodeURIComponent(b));
    else stopFollowing = await showList(app, document.getElementById('root'));
  } catch (err) {
    app.replaceChildren(el('pre', { text: String(err) }));
    // An episode that is not there yet (or is being re-run) opens as soon as its record appears.
    if (view === 'episode' && a) stopFollowing = subscribe(() => live.episodes.has(decodeURIComponent(a)) && route());
  }
}
window.addEventListener('hashchange', route);
connect();
route();
