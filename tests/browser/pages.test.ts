/**
 * The service's own pages in a real browser: search at phone and desktop width, filters and pagination,
 * the document page (structure, references, escaping), empty/error states, axe, and no CSP violations.
 * One chromium launch for the file; screenshots in test-output/.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HAS_CHROMIUM, launch, seededEngine, startService, watch, axe, shot } from './harness.js';
import type { SqliteEngine } from '../../src/engine/sqlite/index.js';

describe.skipIf(!HAS_CHROMIUM)('search and document pages (chromium)', () => {
  let engine: SqliteEngine;
  let api: { server: Server; origin: string };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: { violations: string[]; errors: string[] };

  beforeAll(async () => {
    engine = await seededEngine();
    api = await startService({}, engine);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    seen = await watch(context);
    page = await context.newPage();
    page.setDefaultTimeout(5000);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    api?.server.close();
    await engine?.close();
  });

  const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it('the search page works at phone width: no horizontal scroll, results visible', async () => {
    await page.goto(`${api.origin}/`);
    await shot(page, 'page-home-phone', true);
    await page.locator('#q').fill('danh gia hoc sinh');
    await Promise.all([page.waitForURL(/\?q=/), page.locator('#q').press('Enter')]);
    const first = page.locator('ol.hits > li').first();
    await first.waitFor();
    expect(await noHorizontalScroll()).toBe(true);
    const box = await first.boundingBox();
    expect(box!.y).toBeLessThan(740);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    expect(await page.locator('.summary [role="status"]').textContent()).toMatch(/trong \d+ văn bản/);
    await shot(page, 'page-search-phone');
    await shot(page, 'page-search-phone-full', true);
  });

  it('the document page at phone width: table of contents, no horizontal scroll', async () => {
    await page.locator('ol.hits > li h3 a').first().click();
    await page.locator('article.doc h1').waitFor();
    expect(await noHorizontalScroll()).toBe(true);
    expect(await page.locator('mark').count()).toBeGreaterThan(0); // the query words are highlighted
    await shot(page, 'page-document-phone');
  });

  it('facets filter, chips undo, pagination pages, sort switches (desktop)', async () => {
    await page.setViewportSize({ width: 1200, height: 850 });
    await page.goto(`${api.origin}/?q=giao+duc&limit=2`);
    const total = Number((await page.locator('.summary strong').first().textContent())!.trim());
    expect(total).toBeGreaterThan(2);
    await shot(page, 'page-search-desktop');
    // pagination
    await page.locator('nav.pager a[rel="next"]').click();
    await page.waitForURL(/offset=2/);
    expect(await page.locator('nav.pager [aria-current="page"]').textContent()).toBe('2');
    // a facet narrows and shows a removable chip
    const facet = page.locator('aside.facets section').first().locator('a').first();
    const label = (await facet.textContent())!;
    await facet.click();
    await page.waitForURL(/kind=/);
    const narrowed = Number((await page.locator('.summary strong').first().textContent())!.trim());
    expect(narrowed).toBeLessThanOrEqual(total);
    expect(label).toContain((await page.locator('.chips .chip').first().textContent())!.replace('✕', '').trim());
    await page.locator('.chips .chip').first().click();
    await page.waitForURL((u) => !u.search.includes('kind='));
    await page.locator('.sort a').click();
    await page.waitForURL(/sort=date/);
  });

  it('empty and error states are in Vietnamese', async () => {
    await page.goto(`${api.origin}/?q=zzqxw+khongcoketqua`);
    expect(await page.locator('.empty h1').textContent()).toContain('Không tìm thấy văn bản nào');
    await shot(page, 'page-empty');
    const bad = await page.goto(`${api.origin}/?q=x&limit=lots`);
    expect(bad!.status()).toBe(400);
    expect(await page.locator('[role="alert"]').textContent()).toContain('Yêu cầu tìm kiếm không hợp lệ');
    const missing = await page.goto(`${api.origin}/d/khong-co`);
    expect(missing!.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy văn bản');
  });

  it('a hostile document shows <script> and <img onerror> as text and runs nothing', async () => {
    await page.goto(`${api.origin}/d/evil?q=giao+duc`);
    const text = await page.locator('article.doc').textContent();
    expect(text).toContain('<script>window.__pwned = "script"</script>');
    expect(text).toContain('<img src=x onerror=');
    expect(await page.locator('article.doc img, article.doc script').count()).toBe(0);
    expect(await page.title()).toContain('<script>');
    await page.goto(`${api.origin}/?q=hoa+nhap`);
    expect(await page.locator('ol.hits').textContent()).toContain('<img src=x onerror=');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    await shot(page, 'page-xss-as-text');
  });

  it('a structured document has a table of contents whose links reach their passages', async () => {
    await page.setViewportSize({ width: 1200, height: 850 });
    await page.goto(`${api.origin}/?q=nhiem+vu+trong+tam`);
    await page.locator('ol.hits > li h3 a').first().click();
    const toc = page.locator('nav.toc a');
    expect(await toc.count()).toBeGreaterThan(2);
    const link = toc.nth(1);
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await page.waitForURL((u) => u.hash === href);
    // the target passage exists and is scrolled into view below the sticky header
    const top = await page.evaluate((h) => document.getElementById(decodeURIComponent(h.slice(1)))?.getBoundingClientRect().top ?? -1, href);
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(850);
    await shot(page, 'page-document-desktop');
  });

  it('has no serious or critical axe violations on the pages (CSP bypassed for axe only)', async () => {
    const axeContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 850 } });
    const p = await axeContext.newPage();
    p.setDefaultTimeout(5000);
    const found: Record<string, unknown> = {};
    for (const path of ['/', '/?q=giao+duc', '/?q=zzqxw', '/d/evil?q=giao+duc', '/widget-demo']) {
      await p.goto(`${api.origin}${path}`);
      if (path === '/') await shot(p, 'page-home-desktop');
      if (path === '/widget-demo') await shot(p, 'page-widget-demo');
      const v = await axe(p);
      if (v.length) found[path] = v;
    }
    // one real document with structure, from a search
    await p.goto(`${api.origin}/?q=nhiem+vu+trong+tam`);
    await p.locator('ol.hits > li h3 a').first().click();
    await p.locator('article.doc h1').waitFor();
    const v = await axe(p);
    if (v.length) found[p.url()] = v;
    expect(found).toEqual({});
    await axeContext.close();
  });

  it('reported no CSP violations and no page errors', () => {
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
