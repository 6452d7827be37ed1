/**
 * Browser test harness: Debian's chromium driven by playwright-core, the service on 127.0.0.1 with an
 * ephemeral port, a second origin ("portal") with a strict CSP and hostile CSS, axe-core, and CSP
 * violation capture. Tests skip with a clear message where no chromium is found.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';
import { SqliteEngine } from '../../src/engine/sqlite/index.js';
import { parseDocument } from '../../src/docs/parse.js';
import type { DocumentRecord, PassageRecord } from '../../src/docs/model.js';
import { REPO_ROOT, SEEDS_DIR } from '../helpers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`[browser tests] no chromium at ${CHROMIUM}: browser tests are skipped (apt-get install -y chromium, or set CHROMIUM_PATH).`);

export const OUT = path.join(REPO_ROOT, 'test-output');
export const AXE = path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');

/** A payload that sets window.__pwned if any of it ever runs. */
export const EVIL_TEXT = 'Tài liệu độc <script>window.__pwned = "script"</script> <img src=x onerror="window.__pwned = \'img\'"> về giáo dục hòa nhập & kỹ năng';

export function record(id: string, issuer: string, kind: string, title: string, text: string): { document: DocumentRecord; passages: PassageRecord[] } {
  return {
    document: { id, kind, issuer, title, issuedAt: '2024-09-05', source: { format: 'txt' }, language: 'vi', refs: [] },
    passages: [{ id: `${id}:p1`, docId: id, ordinal: 0, headingPath: 'Điều 1', anchor: 'dieu-1', text, refs: [] }],
  };
}

export async function seededEngine(): Promise<SqliteEngine> {
  const engine = new SqliteEngine({ file: ':memory:' });
  await engine.init();
  for (const f of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'))) {
    const parsed = parseDocument({ text: readFileSync(path.join(SEEDS_DIR, f), 'utf8'), format: 'txt', path: `corpus/${f}` });
    await engine.upsert(parsed.document, parsed.passages);
  }
  const evil = parseDocument({ id: 'evil', text: `${EVIL_TEXT}\n\n${EVIL_TEXT}`, format: 'txt' });
  await engine.upsert(evil.document, evil.passages);
  // Two issuers sharing a rare phrase, for the scoped-key test.
  for (const r of [
    record('sl-boi', 'Sở GD&ĐT Sơn La', 'kế hoạch', 'Kế hoạch dạy bơi an toàn (Sơn La)', 'Kế hoạch phổ cập bơi an toàn cho học sinh tiểu học tỉnh Sơn La.'),
    record('hn-boi', 'Sở GD&ĐT Hà Nội', 'kế hoạch', 'Kế hoạch dạy bơi an toàn (Hà Nội)', 'Kế hoạch phổ cập bơi an toàn cho học sinh thành phố Hà Nội.'),
  ]) await engine.upsert(r.document, r.passages);
  return engine;
}

export function listen(app: express.Express): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

export async function startService(env: Record<string, string>, engine: SqliteEngine) {
  const app = createApp(loadConfig({ LOG_LEVEL: 'silent', ...env }), engine);
  return listen(app);
}

/** The hostile stylesheet of the portal: it must not break the widget (and the widget must not break it). */
export const HOSTILE_CSS = `
* { display: block !important; color: red !important; font-size: 40px !important; font-family: serif !important;
    box-sizing: content-box !important; margin: 3px !important; }
head, script, title { display: none !important; }
div { display: none !important; }
button, input, a { all: unset !important; color: red !important; }
dialog, [role="listbox"], mark { display: none !important; background: black !important; }
html { font-size: 7px !important; }
`;

/**
 * A portal on another origin: strict CSP (only the service's script and API), hostile CSS, and the
 * widget embedded with the key given in ?key= (and ?lang=, ?theme= on the element; ?bare=1: script only). The API origin is
 * read per request (the API starts after the portal, whose origin its keys need).
 */
export async function startPortal(apiOriginOf: () => string) {
  const app = express();
  app.get('/hostile.css', (_req, res) => { res.type('text/css').send(HOSTILE_CSS); });
  app.get('/', (req, res) => {
    const q = (name: string) => (typeof req.query[name] === 'string' ? String(req.query[name]).replace(/[^\w-]/g, '') : '');
    const apiOrigin = apiOriginOf();
    res.set('Content-Security-Policy', `default-src 'self'; script-src 'self' ${apiOrigin}; connect-src ${apiOrigin}; style-src 'self'`);
    res.type('html').send(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cổng thông tin Sở GD&amp;ĐT</title><link rel="stylesheet" href="/hostile.css"></head>
<body><h1>Sở Giáo dục và Đào tạo</h1><p>Tin tức, văn bản chỉ đạo, lịch công tác.</p>
${q('bare') ? '' : `<policy-search${q('lang') ? ` data-lang="${q('lang')}"` : ''}${q('theme') ? ` data-theme="${q('theme')}"` : ''}></policy-search>`}
<p>Chân trang cổng thông tin.</p>
<script src="${apiOrigin}/widget.js" data-key="${q('key')}" defer></script>
</body></html>`);
  });
  return listen(app);
}

export async function launch(): Promise<Browser> {
  // playwright's launch() always starts from a fresh temporary profile (user-data-dir) and removes it on close.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 20_000,
  });
}

/** Records CSP violations and page errors of every page in the context. */
export async function watch(context: BrowserContext): Promise<{ violations: string[]; errors: string[] }> {
  const violations: string[] = [];
  const errors: string[] = [];
  await context.exposeBinding('__cspViolation', (_src, v: string) => { violations.push(v); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on('page', (page) => trackPage(page, violations, errors));
  return { violations, errors };
}

export function trackPage(page: Page, violations: string[], errors: string[]): void {
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
}

/** axe-core on the page (needs a context with bypassCSP when the page has a CSP). Returns serious/critical violations. */
export async function axe(page: Page, include?: string): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (sel) => {
    const a = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await a.run(sel ? { include: [[sel]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, include);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function shot(page: Page, name: string, fullPage = false) {
  mkdirSync(OUT, { recursive: true });
  return page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
}
