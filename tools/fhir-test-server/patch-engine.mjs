// Test infrastructure. Medplum's router caps a transaction that contains a conditional create
// (ifNoneExist) at 8 entries ("requires strict isolation but has too many entries"): a limit
// of Medplum's Postgres-backed server, not of FHIR. FhirNer writes one transaction per note
// with several conditional creates, so the test server lifts the cap to exercise FHIR
// semantics; against a real Medplum, notes with more than three distinct codes hit it (see the
// README). Idempotent; fails loudly if the pinned engine no longer has the constant.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('./node_modules/@medplum/fhir-router/dist/esm/index.mjs', import.meta.url));
const source = readFileSync(file, 'utf8');
if (source.includes('uc=1000,')) {
  process.exit(0);
}
if (!source.includes('uc=8,')) {
  console.error(`patch-engine: the strict-isolation cap was not found in ${file}; was the engine version changed?`);
  process.exit(1);
}
writeFileSync(file, source.replace('uc=8,', 'uc=1000,'));
