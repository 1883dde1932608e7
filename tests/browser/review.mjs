// Drives the review page in Debian's Chromium (playwright-core, no browser download):
// loads it, annotates the synthetic sample note, checks the highlighted mentions' statuses and
// codes, opens one mention's details with the keyboard, opens the Bundle view, checks that no
// request left the host, and saves a screenshot.
// Usage: node review.mjs BASE_URL SCREENSHOT.png
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const [base, screenshot] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error('usage: node review.mjs BASE_URL SCREENSHOT.png');
  process.exit(2);
}

// Flags that keep Chromium off the network (see the environment notes) and run it as root.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let checks = 0;
const check = (condition, message) => { assert.ok(condition, message); checks++; };
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const origin = new URL(base).origin;
  const foreign = [];
  page.on('request', (request) => { if (!request.url().startsWith(origin)) foreign.push(request.url()); });

  // The page takes its credential from the fragment, as a user would be given it.
  await page.goto(`${base}/#key=${encodeURIComponent(process.env.FHIRNER_API_KEY ?? '')}`);
  // First load: a sample is already annotated, before anything is pressed.
  await page.waitForSelector('#text mark');
  check(await page.getAttribute('html', 'lang') === 'en' && await page.getAttribute('#text', 'lang') === 'es', 'the interface says it is English, the note that it is Spanish');
  await page.waitForSelector('#samples option', { state: 'attached' });
  await page.selectOption('#samples', { label: 'nota-oncologia-001' });
  await page.click('#use-sample');
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('loaded'));
  await page.click('#annotate');
  await page.waitForFunction(() => /mentions found/.test(document.querySelector('#status').textContent));

  const marks = await page.$$eval('#text mark', (nodes) => nodes.map((n) => ({ text: n.textContent, status: n.dataset.status, code: n.dataset.code })));
  const find = (text) => marks.find((m) => m.text === text);
  check(marks.length >= 6, `expected at least 6 highlighted mentions, got ${marks.length}`);
  check(find('adenocarcinoma')?.status === 'affirmed' && find('adenocarcinoma')?.code === '8140/3', 'adenocarcinoma is affirmed, 8140/3');
  check(find('afectación cerebral')?.status === 'negated', '"Se descarta afectación cerebral" is negated');
  check(find('carcinoma')?.status === 'other' && find('carcinoma')?.code === '8010/3', 'the mother\'s carcinoma is about someone else, 8010/3');
  check(marks.some((m) => m.text === 'metástasis' && m.status === 'uncertain' && m.code === '8000/6'), 'a "probable metástasis" is uncertain, 8000/6');

  const colours = await page.$$eval('#text mark', (nodes) => [...new Set(nodes.map((n) => getComputedStyle(n).backgroundColor))]);
  check(colours.length >= 3, 'statuses are drawn in different colours');

  // Keyboard: focus the first mention and press Enter.
  await page.focus('#text mark');
  await page.keyboard.press('Enter');
  const details = await page.textContent('#details');
  check(details.includes('ICD-O-3') && details.includes('8140/3') && details.includes('Characters'), 'Enter on a mention shows its code, display and offsets');

  const codes = await page.$$eval('#codes li .code', (nodes) => nodes.map((n) => n.textContent));
  check(codes.includes('8140/3') && codes.includes('8000/6'), 'the side list groups findings by code');
  const counts = await page.$$eval('#codes li .written', (nodes) => nodes.map((n) => n.textContent));
  check(counts.every((c) => /mentions? in all, \d+ affirmed/.test(c)), 'the side list says it counts all mentions and how many are affirmed');

  await page.click('#show-bundle');
  await page.waitForFunction(() => document.querySelector('#bundle').textContent.startsWith('{'));
  const bundle = JSON.parse(await page.textContent('#bundle'));
  check(bundle.resourceType === 'Bundle' && bundle.type === 'transaction', 'the Bundle view shows the transaction');
  check(bundle.entry.some((e) => e.resource.resourceType === 'Condition') && bundle.entry.some((e) => e.resource.resourceType === 'Provenance'), 'it holds Conditions and a Provenance');

  // The assertion issue's example, pasted in: the biopsy-proven carcinoma is the patient's, the
  // general remark about phyllodes tumours is no one's, and a selected mention says why.
  await page.fill('#note', 'Mujer de 58 años con antecedentes familiares de cáncer de mama (madre). Se realiza biopsia de nódulo mamario izquierdo con diagnóstico de carcinoma ductal infiltrante grado 2, RE y RP negativos, HER2 positivo. En la TC no se observan metástasis hepáticas. Se objetiva lesión ósea sugestiva de metástasis, a descartar mediante gammagrafía. Los tumores phyllodes son infrecuentes.');
  await page.click('#annotate');
  await page.waitForFunction(() => [...document.querySelectorAll('#text mark')].some((m) => m.textContent.startsWith('carcinoma ductal')));
  const example = await page.$$eval('#text mark', (nodes) => nodes.map((n) => ({ text: n.textContent, status: n.dataset.status })));
  const status = (prefix) => example.find((m) => m.text.startsWith(prefix))?.status;
  check(status('carcinoma ductal infiltrante') === 'affirmed', 'the biopsy-proven carcinoma (RE and RP negative) is affirmed');
  check(status('tumores phyllodes') === 'other', 'a general remark about phyllodes tumours is no one\'s condition');
  check(status('cáncer') === 'other', 'the mother\'s breast cancer is someone else\'s');
  check(example.filter((m) => m.text === 'metástasis').map((m) => m.status).join(',') === 'negated,uncertain', 'the liver metastases are ruled out, the bone one doubted');
  await page.click('#text mark:has-text("tumores phyllodes")');
  const why = await page.textContent('#details');
  check(why.includes('Why') && why.includes('cue'), 'a selected mention shows the method and cue behind its status');
  // The bone lesion is there (affirmed), but the metastasis its code names is only suspected: written provisional.
  await page.click('#text mark:has-text("lesión ósea")');
  const lesion = await page.textContent('#details');
  check(lesion.includes('Code status') && lesion.includes('sugestiva de metástasis') && lesion.includes('Condition (provisional)'), 'a doubted lesion shows its code status and is written provisional');

  const model = await page.textContent('#model');
  check(/Model \S+ \S+, morphology lexicon/.test(model), 'the page names the model and its version');
  check(foreign.length === 0, `requests left the host: ${foreign.join(', ')}`);

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`review page: ${checks} checks passed; screenshot ${screenshot}`);
} finally {
  await browser.close();
}
