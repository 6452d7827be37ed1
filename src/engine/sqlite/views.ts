/**
 * In-memory views of the sqlite tables, rebuilt lazily after a write (or when another connection
 * committed: PRAGMA data_version changed): document metadata, and rowid → document maps so matching
 * rows are grouped without a join.
 */
import type Database from 'better-sqlite3';
import { fold } from '../../text/fold.js';
import { WORD_RE } from '../../query/query.js';
import type { FacetValues } from '../../kinds/facets.js';
import { facetIndex, type FacetIndex } from './filter.js';
import { titleField } from './schema.js';

export interface DocMeta {
  id: string; kind: string; issuer?: string; issuedAt?: string; title: string; number?: string; refId?: string; url?: string;
  /** Values per facet of src/kinds/facets.ts. */
  facets: FacetValues;
}

export interface RowMap {
  rowDoc: Int32Array;
  docList: DocMeta[];
  /** Per document: passage count, lowest and highest rowid (a document's passages are written together). */
  docRows: Int32Array; docMin: Int32Array; docMax: Int32Array;
  /** Per document: " folded title words " for in-memory title tests. */
  titles: string[];
  /** Folded title word → documents whose title (or number) holds it, ascending. */
  titleWords: Map<string, number[]>;
  /** Per document: position in (issuedAt newest first, then id) order; integer compares sort fast. */
  dateRank: Int32Array;
  /** The inverse: document at each position. */
  docByRank: Int32Array;
  /** Facet values per document as integers (filter.ts facetsOfDocs). */
  facets: FacetIndex;
}

/** Every document's metadata, by id. */
export function loadDocs(db: Database.Database): Map<string, DocMeta> {
  const m = new Map<string, DocMeta>();
  for (const r of db.prepare(`SELECT id, kind, issuer, issued_at, title, number, ref_id, url, facets FROM documents`).all() as { id: string; kind: DocMeta['kind']; issuer: string | null; issued_at: string | null; title: string; number: string | null; ref_id: string | null; url: string | null; facets: string | null }[]) {
    m.set(r.id, {
      id: r.id, kind: r.kind, issuer: r.issuer ?? undefined, issuedAt: r.issued_at ?? undefined, title: r.title, number: r.number ?? undefined,
      refId: r.ref_id ?? undefined, url: r.url ?? undefined, facets: r.facets ? JSON.parse(r.facets) as FacetValues : {},
    });
  }
  return m;
}

/** rowid → document index, per-document row spans, title words and date order. */
export function buildRowMap(db: Database.Database, docs: Map<string, DocMeta>): RowMap {
  const docList = [...docs.values()];
  const idx = new Map(docList.map((d, i) => [d.id, i]));
  const max = (db.prepare(`SELECT max(rowid) AS m FROM passages`).get() as { m: number | null }).m ?? 0;
  const rowDoc = new Int32Array(max + 1).fill(-1);
  const docRows = new Int32Array(docList.length);
  const docMin = new Int32Array(docList.length).fill(2 ** 31 - 1);
  const docMax = new Int32Array(docList.length);
  for (const [rowid, docId] of db.prepare(`SELECT rowid, doc_id FROM passages`).raw().iterate() as Iterable<[number, string]>) {
    const d = idx.get(docId) ?? -1;
    rowDoc[rowid] = d;
    if (d < 0) continue;
    docRows[d]++;
    if (rowid < docMin[d]) docMin[d] = rowid;
    if (rowid > docMax[d]) docMax[d] = rowid;
  }
  const titles = docList.map((d) => ` ${(fold(titleField(d.title, d.number)).match(WORD_RE) ?? []).join(' ')} `);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = docList.map((_, i) => i).sort((a, b) => cmp(docList[b].issuedAt ?? '', docList[a].issuedAt ?? '') || cmp(docList[a].id, docList[b].id));
  const dateRank = new Int32Array(docList.length);
  order.forEach((d, r) => { dateRank[d] = r; });
  const titleWords = new Map<string, number[]>();
  titles.forEach((t, d) => {
    for (const w of new Set(t.trim().split(' '))) {
      if (!w) continue;
      const list = titleWords.get(w);
      if (list) list.push(d); else titleWords.set(w, [d]);
    }
  });
  return { rowDoc, docList, docRows, docMin, docMax, titles, dateRank, docByRank: Int32Array.from(order), titleWords, facets: facetIndex(docList) };
}

/** What the planner and result shaping read through (the engine implements it). */
export interface Reader {
  stmt(sql: string): Database.Statement;
  rows(): RowMap;
  docs(): Map<string, DocMeta>;
  /** Cached clause row counts (cleared on every write). */
  dfCache: Map<string, number>;
  commonRows: number;
  probeRows: number;
}
