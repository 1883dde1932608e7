// FhirNer review page. Talks only to the host that served it (relative URLs; the page's
// Content-Security-Policy allows nothing else). Note text is put in the page as text nodes,
// never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { samples: [], review: null, documentId: null };

async function json(response) {
  const body = await response.text();
  let parsed = null;
  try { parsed = JSON.parse(body); } catch { /* not JSON */ }
  if (!response.ok) {
    const message = parsed?.issue?.map((i) => i.diagnostics).join('; ') || body || response.statusText;
    throw new Error(`${response.status}: ${message}`);
  }
  return parsed;
}

// The caller's credential, given once in the address's fragment (#token=JWT or #key=API key),
// which browsers never send to a server; kept for this tab only and taken out of the address bar.
// Behind a proxy that adds the credential itself (Easy Auth, oauth2-proxy) none is needed.
const credential = (() => {
  const given = new URLSearchParams(location.hash.slice(1));
  for (const name of ['token', 'key']) {
    if (given.get(name)) sessionStorage.setItem(`fhirner.${name}`, given.get(name));
  }
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  const token = sessionStorage.getItem('fhirner.token');
  const key = sessionStorage.getItem('fhirner.key');
  return token ? { Authorization: `Bearer ${token}` } : key ? { 'X-Api-Key': key } : {};
})();

function call(url, init = {}) {
  return fetch(url, { ...init, headers: { ...(init.headers ?? {}), ...credential } });
}

function say(message) { $('status').textContent = message; }

async function loadSamples() {
  state.samples = await json(await call('/api/samples'));
  const select = $('samples');
  for (const [index, sample] of state.samples.entries()) {
    const option = document.createElement('option');
    option.value = String(index);
    option.textContent = sample.name;
    select.append(option);
  }
  showSampleSource();
}

function showSampleSource() {
  const sample = state.samples[Number($('samples').value)];
  $('sample-source').textContent = sample ? `Source: ${sample.source}` : '';
}

function useSample() {
  const sample = state.samples[Number($('samples').value)];
  if (!sample) return;
  $('note').value = sample.text;
  state.documentId = null;
  say(`Sample ${sample.name} loaded. Press Annotate.`);
}

async function readFile() {
  const file = $('file').files[0];
  if (!file) return;
  $('note').value = await file.text();
  state.documentId = null;
  say(`${file.name} loaded. Press Annotate.`);
}

async function loadDocument() {
  const id = $('document-id').value.trim();
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) { say('A DocumentReference id is 1-64 letters, digits, "-" or ".".'); return; }
  say(`Reading DocumentReference/${id}…`);
  try {
    const review = await json(await call(`/api/fhir/DocumentReference/${encodeURIComponent(id)}/review`));
    state.documentId = id;
    $('note').value = review.text;
    show(review);
    say(`${review.documentReference}: ${review.findings.length} mentions.`);
  } catch (error) {
    say(`Could not load it: ${error.message}`);
  }
}

async function annotate() {
  const text = $('note').value;
  if (!text.trim()) { say('Paste or load a note first.'); return; }
  say('Annotating…');
  try {
    const review = await json(await call('/api/review', { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text }));
    state.documentId = null;
    show(review);
    say(`${review.findings.length} mentions found.`);
  } catch (error) {
    say(`Annotation failed: ${error.message}`);
  }
}

function show(review) {
  state.review = review;
  $('model').textContent = `Model ${review.model} ${review.modelVersion}, morphology lexicon ${review.lexiconVersion}`;
  renderText(review);
  renderCodes(review);
  $('bundle').hidden = true;
  $('bundle').textContent = '';
  $('write').hidden = !state.documentId;
  $('write-status').textContent = '';
  $('details').replaceChildren(paragraph('Select a highlighted mention (click, or Tab and Enter) to see its code.'));
  $('result').hidden = false;
}

function paragraph(text) { const p = document.createElement('p'); p.textContent = text; return p; }

function renderText(review) {
  const container = $('text');
  const nodes = [];
  let at = 0;
  for (const finding of [...review.findings].sort((a, b) => a.start - b.start)) {
    if (finding.start < at) continue;
    nodes.push(document.createTextNode(review.text.slice(at, finding.start)));
    const mark = document.createElement('mark');
    mark.className = finding.status;
    mark.textContent = review.text.slice(finding.start, finding.end);
    mark.tabIndex = 0;
    mark.setAttribute('role', 'button');
    mark.dataset.id = finding.id;
    mark.dataset.status = finding.status;
    mark.dataset.code = finding.code ?? '';
    mark.title = `${finding.code ?? 'no code'} ${finding.display ?? ''} (${finding.status})`;
    mark.setAttribute('aria-label', `${mark.textContent}: ${finding.status}, ${finding.code ?? 'no code'}`);
    mark.addEventListener('click', () => select(finding, mark));
    mark.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); select(finding, mark); }
    });
    nodes.push(mark);
    at = finding.end;
  }
  nodes.push(document.createTextNode(review.text.slice(at)));
  container.replaceChildren(...nodes);
}

function select(finding, mark) {
  for (const other of document.querySelectorAll('mark.selected')) other.classList.remove('selected');
  mark.classList.add('selected');
  const list = document.createElement('dl');
  const rows = [
    ['Mention', finding.text],
    ['ICD-O-3', finding.code ?? '—'],
    ['Display', finding.display ?? '—'],
    ['Behaviour', finding.behaviour ?? '—'],
    ['Coded by', finding.codingMethod ?? '—'],
    ['Assertion', finding.status],
    ['Why', describeBasis(finding)],
    ...(finding.codeStatus ? [['Code status', describeCodeStatus(finding)]] : []),
    ...(finding.reviewAdvised ? [['Review', describeReview(finding)]] : []),
    ['Written as', finding.written],
    ['Confidence', finding.confidence.toFixed(3)],
    ['Characters', `${finding.start}–${finding.end}`],
  ];
  for (const [term, value] of rows) {
    const dt = document.createElement('dt'); dt.textContent = term;
    const dd = document.createElement('dd'); dd.textContent = value;
    list.append(dt, dd);
  }
  $('details').replaceChildren(list);
}

// A mention affirmed under p 0.95: its Condition is tagged for review only where no mention of its code is firmer.
function describeReview(finding) {
  return finding.written.includes('review advised')
    ? 'advised: affirmed with p(affirmed) under 0.95; its Condition is tagged review-advised, and a registry may hold it for a person to check'
    : 'advised for this mention (p(affirmed) under 0.95); its Condition is not tagged: another mention affirms the code firmly';
}

// The method and cue behind a mention's assertion status, as the reviewer checks it.
function describeBasis(finding) {
  if (!finding.statusMethod) return '—';
  const method = { default: 'no cue (affirmed by default)', conText: 'ConText rule', classifier: 'context classifier', doubtedNegation: 'negation the classifier doubts', noteContext: 'context classifier, read with the note\'s other mentions' }[finding.statusMethod] ?? finding.statusMethod;
  const cue = finding.statusCue ? ` · cue “${finding.statusCue.text}” (${finding.statusCue.start}–${finding.statusCue.end})` : '';
  // A doubted negation's confidence is the probability of the negation it doubts, not of its status.
  const probability = finding.statusMethod === 'doubtedNegation' ? 'p(negated)' : 'p';
  const confidence = finding.statusConfidence == null ? '' : ` · ${probability}=${finding.statusConfidence.toFixed(2)}`;
  return `${method}${cue}${confidence}`;
}

// Where the code says more than the mention (a lesion "sugestiva de metástasis", a stage "pT2N0M0" coded 8000/6): what the
// written Condition follows instead of the mention's status.
function describeCodeStatus(finding) {
  const reason = { natureNamedByMention: 'the next mention says what the lesion is', stageWithoutSpread: 'a stage without spread (N0 M0)', stageNotAssessed: 'a stage not assessed: says nothing of metastasis' }[finding.codeStatusReason] ?? finding.codeStatusReason;
  const cue = finding.codeStatusCue ? ` · “${finding.codeStatusCue.text}” (${finding.codeStatusCue.start}–${finding.codeStatusCue.end})` : '';
  return `${finding.codeStatus}: ${reason}${cue}`;
}

function renderCodes(review) {
  const groups = new Map();
  for (const finding of review.findings) {
    // One Condition per ICD-O-3 code: CANTEMIST's /H (a finer term than its code) is no part of it.
    const key = finding.code?.replace(/\/H$/, '') ?? '(no code)';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(finding);
  }
  const items = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, findings]) => {
    const li = document.createElement('li');
    const title = document.createElement('div');
    const codeSpan = document.createElement('span');
    codeSpan.className = 'code';
    codeSpan.textContent = code;
    title.append(codeSpan, document.createTextNode(` ${findings[0].display ?? ''}`));
    const written = document.createElement('div');
    written.className = 'written';
    // One Condition per code: its mentions' "written" all name it, or none is written.
    const condition = findings.map((f) => f.written).find((w) => w.startsWith('Condition')) ?? findings.find((f) => f.written.startsWith('not written:'))?.written ?? 'not written';
    // Affirmed as the code is written: a stage "pT2N0M0" is affirmed staging, but its 8000/6 is negated.
    const affirmed = findings.filter((f) => (f.codeStatus ?? f.status) === 'affirmed').length;
    written.textContent = `${findings.length} mention${findings.length === 1 ? '' : 's'} in all, ${affirmed} affirmed · ${condition}; an Observation per code when written`;
    li.append(title, written);
    return li;
  });
  $('codes').replaceChildren(...items);
}

async function showBundle() {
  if (!state.review) return;
  const pre = $('bundle');
  pre.hidden = false;
  pre.textContent = 'Building the transaction…';
  try {
    const response = await call('/api/annotate', { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: state.review.text });
    pre.textContent = JSON.stringify(await json(response), null, 2);
  } catch (error) {
    pre.textContent = `Could not build it: ${error.message}`;
  }
  pre.focus();
}

async function write() {
  if (!state.documentId) return;
  $('write-status').textContent = 'Writing…';
  try {
    const outcome = await json(await call(`/api/fhir/DocumentReference/${encodeURIComponent(state.documentId)}/enrich`, { method: 'POST' }));
    $('write-status').textContent = outcome.issue.map((i) => i.diagnostics).join('; ');
  } catch (error) {
    $('write-status').textContent = `Not written: ${error.message}`;
  }
}

async function health() {
  try {
    const h = await json(await fetch('/api/health'));
    $('model').textContent = `Model ${h.model} ${h.modelVersion}, morphology lexicon ${h.lexiconVersion}`;
  } catch (error) {
    $('model').textContent = `Health check failed: ${error.message}`;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('samples').addEventListener('change', showSampleSource);
  $('use-sample').addEventListener('click', useSample);
  $('file').addEventListener('change', readFile);
  $('load-document').addEventListener('click', loadDocument);
  $('annotate').addEventListener('click', annotate);
  $('show-bundle').addEventListener('click', showBundle);
  $('write').addEventListener('click', write);
  health();
  // First load: the first sample, already annotated, so the page shows what it does at once.
  loadSamples()
    .then(() => { if (state.samples.length > 0 && !$('note').value) { useSample(); return annotate(); } return undefined; })
    .catch((error) => say(`Could not load the samples: ${error.message}`));
});
