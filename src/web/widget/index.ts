/**
 * <policy-search>: the embeddable search widget for department portals.
 *
 *   <script src="https://HOST/widget.js" data-key="…" defer></script>
 *   <policy-search></policy-search>            (optional: without it a floating button is added)
 *
 * Attributes (on the element, or on the script tag as defaults for every element):
 *   data-key    portal key (sent as ?key=, the request stays a CORS "simple request": no preflight)
 *   data-lang   "vi" (default) | "en"
 *   data-theme  "light" (default) | "dark" | "auto"
 *   data-limit  documents per search (1–20, default 6)
 *   data-host   base URL of the service (default: where widget.js was loaded from)
 * Theming: CSS custom properties --ps-accent, --ps-bg, --ps-fg, --ps-muted, --ps-border, --ps-hover,
 * --ps-mark, --ps-mark-fg, --ps-radius, --ps-font set on the element by the portal.
 *
 * It depends only on the published API (GET /api/search) and drops stale responses (request counter).
 * Strict-CSP friendly: no eval, no inline script or style; styles are a constructable stylesheet
 * (adoptedStyleSheets), falling back to <link rel=stylesheet href=HOST/widget.css>. Snippets are never
 * given to innerHTML: they are tokenized into text and <mark> (snippet.ts) and rebuilt as nodes.
 */
import css from './widget.css';
import { LABELS, type Labels, type Lang } from './i18n.js';
import { snippetSegments } from './snippet.js';

interface Passage { id: string; anchor: string; headingPath: string; snippet: string; link: string }
interface Hit { document: { id: string; kind: string; number?: string; title: string; issuedAt?: string; link: string }; passages: Passage[] }
interface SearchResponse { total: number; totalPassages: number; hits: Hit[] }

const script = document.currentScript as HTMLScriptElement | null;
const scriptSrc = script?.src
  || (document.querySelector('script[src*="widget.js"]') as HTMLScriptElement | null)?.src
  || location.href;
const DEFAULTS = script?.dataset ?? {};

let sheet: CSSStyleSheet | null = null;
function styleSheet(): CSSStyleSheet | null {
  if (sheet) return sheet;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  } catch {
    sheet = null;
  }
  return sheet;
}

type Attrs = Record<string, string | boolean | undefined>;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...kids: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') e.className = String(v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids) if (kid) e.append(kid);
  return e;
}

function formatDate(iso: string | undefined, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return iso ?? '';
  return lang === 'en' ? `${m[1]}-${m[2]}-${m[3]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

/** Instances in connection order; the first one answers the global shortcuts. */
const instances: PolicySearch[] = [];
let uid = 0;

export class PolicySearch extends HTMLElement {
  private root!: HTMLDivElement;
  private trigger!: HTMLButtonElement;
  private dialog!: HTMLDialogElement;
  private input!: HTMLInputElement;
  private list!: HTMLDivElement;
  private status!: HTMLDivElement;
  private allLink!: HTMLAnchorElement;
  private options: HTMLAnchorElement[] = [];
  private active = -1;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | null = null;
  private returnFocus: Element | null = null;
  private built = false;
  private readonly uid = `ps${++uid}`;

  private opt(name: string): string | undefined {
    return this.getAttribute(`data-${name}`) ?? this.getAttribute(name) ?? DEFAULTS[name];
  }
  private get uiLang(): Lang { return this.opt('lang') === 'en' ? 'en' : 'vi'; }
  private get t(): Labels { return LABELS[this.uiLang]; }
  private get base(): URL {
    const host = this.opt('host');
    return new URL(host ? host.replace(/\/*$/, '/') : new URL('.', scriptSrc).href);
  }

  connectedCallback(): void {
    if (!this.built) this.build();
    instances.push(this);
    document.addEventListener('keydown', this.onGlobalKey);
  }

  disconnectedCallback(): void {
    instances.splice(instances.indexOf(this), 1);
    document.removeEventListener('keydown', this.onGlobalKey);
  }

  private build(): void {
    this.built = true;
    const t = this.t;
    const shadow = this.attachShadow({ mode: 'open' });
    const s = styleSheet();
    if (s && 'adoptedStyleSheets' in shadow) shadow.adoptedStyleSheets = [s];
    else shadow.append(el('link', { rel: 'stylesheet', href: new URL('widget.css', this.base).href }));

    const theme = this.opt('theme');
    const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
    const ids = { title: `${this.uid}-t`, list: `${this.uid}-l`, status: `${this.uid}-s` };
    this.trigger = el('button', { type: 'button', class: 'trigger', 'aria-haspopup': 'dialog', 'aria-keyshortcuts': 'Control+K Meta+K /' },
      el('span', { class: 'icon', 'aria-hidden': 'true' }), el('span', { class: 'label' }, t.trigger),
      el('kbd', { 'aria-hidden': 'true' }, mac ? '⌘ K' : 'Ctrl K'));
    this.input = el('input', {
      type: 'search', role: 'combobox', 'aria-expanded': 'false', 'aria-controls': ids.list, 'aria-autocomplete': 'list',
      'aria-label': t.input, placeholder: t.placeholder, autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', enterkeyhint: 'search',
    });
    this.status = el('div', { class: 'status', id: ids.status, role: 'status', 'aria-live': 'polite' }, t.hint);
    this.list = el('div', { class: 'list', id: ids.list, role: 'listbox', 'aria-label': t.results });
    this.allLink = el('a', { class: 'all', href: this.base.href, hidden: true }, t.all);
    const close = el('button', { type: 'button', class: 'close' }, el('span', { class: 'close-text' }, t.close), el('kbd', { class: 'close-key' }, 'Esc'));
    this.dialog = el('dialog', { 'aria-labelledby': ids.title },
      el('h2', { class: 'vh', id: ids.title }, t.dialog),
      el('div', { class: 'bar' }, el('span', { class: 'icon', 'aria-hidden': 'true' }), this.input, close),
      this.status, this.list,
      el('div', { class: 'foot' }, el('span', { class: 'keys', 'aria-hidden': 'true' }, t.keys), this.allLink));
    this.root = el('div', { class: 'root', 'data-theme': theme === 'dark' || theme === 'auto' ? theme : 'light', lang: this.uiLang, 'data-floating': this.hasAttribute('floating') },
      this.trigger, this.dialog);
    shadow.append(this.root);

    this.trigger.addEventListener('click', () => this.open());
    close.addEventListener('click', () => this.close());
    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('keydown', (e) => this.onInputKey(e));
    this.dialog.addEventListener('close', () => this.afterClose());
    this.dialog.addEventListener('click', (e) => { if (e.target === this.dialog) this.close(); });
    this.list.addEventListener('mousemove', (e) => {
      const o = (e.target as Element).closest?.('[role="option"]');
      const i = o ? this.options.indexOf(o as HTMLAnchorElement) : -1;
      if (i >= 0 && i !== this.active) this.setActive(i, false);
    });
  }

  /** Open the search dialog (also bound to Ctrl/Cmd+K and "/"). */
  open(): void {
    if (this.dialog.open) { this.input.focus(); return; }
    this.returnFocus = document.activeElement;
    this.dialog.showModal();
    this.input.focus();
    this.input.select();
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private afterClose(): void {
    clearTimeout(this.timer);
    const back = this.returnFocus instanceof HTMLElement && this.returnFocus !== document.body ? this.returnFocus : this.trigger;
    back.focus();
  }

  private onGlobalKey = (e: KeyboardEvent): void => {
    if (instances[0] !== this || e.defaultPrevented || e.isComposing) return;
    const k = e.key.toLowerCase();
    if (k === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
      e.preventDefault();
      this.open();
      return;
    }
    if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !this.dialog.open) {
      const target = e.composedPath()[0] as HTMLElement | undefined;
      const editing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
      if (editing) return;
      e.preventDefault();
      this.open();
    }
  };

  private onInputKey(e: KeyboardEvent): void {
    const n = this.options.length;
    if (e.key === 'ArrowDown' && n) { e.preventDefault(); this.setActive((this.active + 1) % n); }
    else if (e.key === 'ArrowUp' && n) { e.preventDefault(); this.setActive(this.active <= 0 ? n - 1 : this.active - 1); }
    else if (e.key === 'Home' && n && e.ctrlKey) { e.preventDefault(); this.setActive(0); }
    else if (e.key === 'End' && n && e.ctrlKey) { e.preventDefault(); this.setActive(n - 1); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      const o = this.options[this.active >= 0 ? this.active : 0];
      if (!o?.href) return;
      if (e.ctrlKey || e.metaKey) window.open(o.href, '_blank', 'noopener');
      else location.assign(o.href);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    }
  }

  private setActive(i: number, scroll = true): void {
    this.options[this.active]?.setAttribute('aria-selected', 'false');
    this.active = i;
    const o = this.options[i];
    if (!o) { this.input.removeAttribute('aria-activedescendant'); return; }
    o.setAttribute('aria-selected', 'true');
    this.input.setAttribute('aria-activedescendant', o.id);
    if (scroll) o.scrollIntoView({ block: 'nearest' });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), 150);
  }

  private say(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
  }

  private async search(): Promise<void> {
    const q = this.input.value.trim();
    const my = ++this.seq;
    this.abort?.abort();
    if (q.length < 2) { this.render(null, q); this.say(this.t.hint); return; }
    const limit = Math.min(Math.max(Number(this.opt('limit')) || 6, 1), 20);
    const url = new URL('api/search', this.base);
    url.search = new URLSearchParams({ q, prefix: 'true', limit: String(limit), passages: '2' }).toString();
    const key = this.opt('key');
    if (key) url.searchParams.set('key', key);
    this.abort = new AbortController();
    this.say(this.t.searching);
    let res: Response;
    try {
      res = await fetch(url.href, { mode: 'cors', credentials: 'omit', signal: this.abort.signal, headers: { Accept: 'application/json' } });
    } catch (err) {
      if (my !== this.seq) return;
      this.render(null, q);
      this.say(this.t.network, true);
      return;
    }
    if (my !== this.seq) return; // a newer request was sent meanwhile: drop this answer
    if (!res.ok) {
      this.render(null, q);
      if (res.status === 401 || res.status === 403) this.say(this.t.denied, true);
      else if (res.status === 429) this.say(this.t.limited(Number(res.headers.get('retry-after')) || 60), true);
      else this.say(this.t.failed, true);
      return;
    }
    let data: SearchResponse;
    try { data = await res.json() as SearchResponse; } catch { if (my === this.seq) this.say(this.t.failed, true); return; }
    if (my !== this.seq) return;
    this.render(data, q);
    this.say(data.total ? this.t.count(data.total, data.totalPassages) : this.t.none(q));
  }

  /** Only http(s) links, resolved against the service; the query travels along to highlight the passage. */
  private link(href: string, q: string): string | undefined {
    try {
      const u = new URL(href, this.base);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
      if (q) u.searchParams.set('q', q);
      return u.href;
    } catch {
      return undefined;
    }
  }

  private render(data: SearchResponse | null, q: string): void {
    const t = this.t;
    this.options = [];
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    const groups: HTMLElement[] = [];
    let n = 0;
    for (const hit of data?.hits ?? []) {
      const d = hit.document;
      const title = d.title || d.number || d.id;
      const mk = (cls: string, href: string | undefined, ...kids: (Node | string | false | undefined)[]) => {
        const o = el('a', { class: `opt ${cls}`, role: 'option', id: `${this.uid}-o${n++}`, 'aria-selected': 'false', tabindex: '-1', href }, ...kids);
        this.options.push(o);
        return o;
      };
      const meta = el('span', { class: 'meta' },
        d.kind && el('span', { class: 'kind' }, d.kind.charAt(0).toLocaleUpperCase('vi') + d.kind.slice(1)),
        d.number && el('span', {}, `${t.number}: ${d.number}`),
        d.issuedAt && el('span', {}, `${t.date} ${formatDate(d.issuedAt, this.uiLang)}`));
      const docOpt = mk('doc', this.link(d.link, q), el('span', { class: 'title' }, title), meta);
      const kids: HTMLElement[] = [docOpt];
      for (const p of hit.passages) {
        const snip = el('span', { class: 'snip' });
        for (const seg of snippetSegments(p.snippet)) snip.append(seg.mark ? el('mark', {}, seg.text) : document.createTextNode(seg.text));
        kids.push(mk('passage', this.link(p.link, q), p.headingPath && el('span', { class: 'path' }, p.headingPath), snip));
      }
      groups.push(el('div', { class: 'group', role: 'group', 'aria-label': title }, ...kids));
    }
    this.list.replaceChildren(...groups);
    this.input.setAttribute('aria-expanded', String(this.options.length > 0));
    const publicAll = !this.opt('key') && q.length >= 2 && data !== null && data.total > 0;
    this.allLink.hidden = !publicAll;
    if (publicAll) { const u = new URL(this.base.href); u.searchParams.set('q', q); this.allLink.href = u.href; }
  }
}

if (!customElements.get('policy-search')) customElements.define('policy-search', PolicySearch);

// The script alone (no <policy-search> in the page) still gives the portal a search button.
function ensureOne(): void {
  if (!document.querySelector('policy-search')) document.body.append(el('policy-search', { floating: true }) as HTMLElement);
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ensureOne, { once: true });
else ensureOne();

declare global { interface HTMLElementTagNameMap { 'policy-search': PolicySearch } }
