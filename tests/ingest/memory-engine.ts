/**
 * A small in-memory SearchEngine: the naive reference implementation of the contract in
 * src/engine/types.ts. Used by the ingest tests (and usable by anyone who needs an engine without
 * sqlite). Search is deliberately simple: every folded query word must occur in the folded passage
 * text; score = number of occurrences. Records every write so tests can assert on them.
 */
import type { DocumentRecord, PassageRecord } from '../../src/docs/model.js';
import type {
  CitingPassage, DocumentHit, DocumentSummary, EngineHealth, EngineStats, FacetCount, SearchEngine,
  SearchRequest, SearchResult, SourceState, StoredDocument,
} from '../../src/engine/types.js';
import { fold } from '../../src/text/fold.js';

export interface MemoryEngineOptions {
  /** Expose upsertMany (the runner then writes in batches). */
  batch?: boolean;
  /** Make upsert throw for these document ids (to test per-document failures). */
  failIds?: string[];
}

function summary(d: DocumentRecord): DocumentSummary {
  return { id: d.id, kind: d.kind, number: d.number, refId: d.refId, title: d.title, issuer: d.issuer, issuedAt: d.issuedAt, url: d.source.url };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function facet(values: (string | undefined)[]): FacetCount[] {
  const m = new Map<string, number>();
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export class MemoryEngine implements SearchEngine {
  readonly name = 'memory';
  readonly docs = new Map<string, StoredDocument>();
  readonly sources = new Map<string, SourceState>();
  /** Every upsert / delete, in order (ids), for assertions. */
  readonly writes: { op: 'upsert' | 'delete'; id: string }[] = [];
  /** Sizes of upsertMany calls. */
  readonly batches: number[] = [];
  upsertMany?: (items: StoredDocument[]) => Promise<void>;

  constructor(private opts: MemoryEngineOptions = {}) {
    if (opts.batch) {
      this.upsertMany = async (items) => {
        for (const it of items) if (this.opts.failIds?.includes(it.document.id)) throw new Error(`refused ${it.document.id}`);
        this.batches.push(items.length);
        for (const it of items) this.put(it.document, it.passages);
      };
    }
  }

  async init(): Promise<void> {}

  private put(document: DocumentRecord, passages: PassageRecord[]): void {
    this.docs.set(document.id, { document: structuredClone(document), passages: structuredClone(passages) });
    this.writes.push({ op: 'upsert', id: document.id });
  }

  async upsert(document: DocumentRecord, passages: PassageRecord[]): Promise<void> {
    if (this.opts.failIds?.includes(document.id)) throw new Error(`refused ${document.id}`);
    this.put(document, passages);
  }

  async delete(docId: string): Promise<boolean> {
    this.writes.push({ op: 'delete', id: docId });
    return this.docs.delete(docId);
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    const words = fold(req.q).split(/\s+/).filter(Boolean);
    const per = req.passagesPerDoc ?? 3;
    const f = req.filters ?? {};
    const hits: DocumentHit[] = [];
    let totalPassages = 0;
    for (const { document: d, passages } of this.docs.values()) {
      if (f.kind?.length && !f.kind.includes(d.kind)) continue;
      if (f.issuer?.length && !(d.issuer && f.issuer.includes(d.issuer))) continue;
      const year = d.issuedAt ? Number(d.issuedAt.slice(0, 4)) : undefined;
      if (f.year?.length && !(year && f.year.includes(year))) continue;
      if (f.dateFrom && !(d.issuedAt && d.issuedAt >= f.dateFrom)) continue;
      if (f.dateTo && !(d.issuedAt && d.issuedAt <= f.dateTo)) continue;
      if (f.docIds?.length && !f.docIds.includes(d.id)) continue;
      const matched = passages
        .map((p) => {
          const ft = fold(p.text);
          let score = 0;
          for (const w of words) {
            let i = ft.indexOf(w); let n = 0;
            while (i !== -1) { n++; i = ft.indexOf(w, i + w.length); }
            if (!n) return null;
            score += n;
          }
          const first = words.length ? ft.indexOf(words[0]) : 0;
          const a = Math.max(0, first - 60);
          const b = Math.min(p.text.length, first + (words[0]?.length ?? 0) + 60);
          const snippet = words.length
            ? `${escapeHtml(p.text.slice(a, first))}<mark>${escapeHtml(p.text.slice(first, first + words[0].length))}</mark>${escapeHtml(p.text.slice(first + words[0].length, b))}`
            : escapeHtml(p.text.slice(0, 120));
          return { id: p.id, anchor: p.anchor, headingPath: p.headingPath, ordinal: p.ordinal, snippet, score, refs: p.refs };
        })
        .filter((x): x is NonNullable<typeof x> => x !== null)
        .sort((x, y) => y.score - x.score || x.ordinal - y.ordinal);
      if (!matched.length) continue;
      totalPassages += matched.length;
      hits.push({ document: summary(d), score: matched[0].score, passages: matched.slice(0, per) });
    }
    if (req.sort === 'date') hits.sort((a, b) => (b.document.issuedAt ?? '').localeCompare(a.document.issuedAt ?? ''));
    else hits.sort((a, b) => b.score - a.score || a.document.id.localeCompare(b.document.id));
    const off = req.offset ?? 0;
    return {
      total: hits.length,
      totalPassages,
      hits: hits.slice(off, off + (req.limit ?? 10)),
      facets: {
        kind: facet(hits.map((h) => h.document.kind)),
        issuer: facet(hits.map((h) => h.document.issuer)),
        year: facet(hits.map((h) => h.document.issuedAt?.slice(0, 4))),
        status: facet(hits.map((h) => this.docs.get(h.document.id)?.document.derivedStatus?.status)),
      },
    };
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const d = this.docs.get(id);
    return d ? structuredClone(d) : null;
  }

  async findByRefId(refId: string): Promise<DocumentSummary[]> {
    return [...this.docs.values()].filter((d) => d.document.refId === refId).map((d) => summary(d.document));
  }

  async findByRefPrefix(prefix: string): Promise<DocumentSummary[]> {
    return [...this.docs.values()].filter((d) => d.document.refId?.startsWith(prefix)).map((d) => summary(d.document));
  }

  async findByRefIds(refIds: string[], opts: { prefix?: boolean } = {}): Promise<Map<string, DocumentSummary[]>> {
    const out = new Map<string, DocumentSummary[]>();
    for (const id of refIds) out.set(id, await (opts.prefix ? this.findByRefPrefix(id) : this.findByRefId(id)));
    return out;
  }

  async citingCounts(refIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const id of refIds) out.set(id, (await this.citing(id)).total);
    return out;
  }

  async citing(refId: string, opts: { limit?: number; offset?: number } = {}): Promise<{ total: number; items: CitingPassage[] }> {
    const items: CitingPassage[] = [];
    for (const { document: d, passages } of this.docs.values()) {
      for (const p of passages) {
        for (const r of p.refs) {
          if (r.canonical !== refId || r.self) continue;
          items.push({ docId: d.id, document: summary(d), passageId: p.id, anchor: p.anchor, headingPath: p.headingPath, context: p.text.slice(Math.max(0, r.start - 100), r.end + 100), reference: r });
        }
      }
    }
    const off = opts.offset ?? 0;
    return { total: items.length, items: items.slice(off, off + (opts.limit ?? 20)) };
  }

  async stats(): Promise<EngineStats> {
    let passages = 0; let references = 0;
    for (const d of this.docs.values()) {
      passages += d.passages.length;
      for (const p of d.passages) references += p.refs.filter((r) => !r.self).length;
    }
    return { documents: this.docs.size, passages, references, byKind: facet([...this.docs.values()].map((d) => d.document.kind)) };
  }

  async health(): Promise<EngineHealth> {
    return { ok: true, engine: this.name, details: { documents: this.docs.size } };
  }

  async getSources(): Promise<SourceState[]> {
    return [...this.sources.values()].map((s) => ({ ...s, docIds: [...s.docIds] }));
  }

  async setSource(state: SourceState): Promise<void> {
    this.sources.set(state.path, { ...state, docIds: [...state.docIds] });
  }

  async deleteSource(p: string): Promise<void> {
    this.sources.delete(p);
  }

  async *allDocuments(): AsyncIterable<StoredDocument> {
    for (const id of [...this.docs.keys()].sort()) {
      const d = this.docs.get(id);
      if (d) yield structuredClone(d);
    }
  }

  async close(): Promise<void> {}
}
