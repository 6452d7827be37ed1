/** Writes of the sqlite engine: one document with its passages, FTS rows and references (callers wrap them in a transaction). */
import type Database from 'better-sqlite3';
import type { DocumentRecord, PassageRecord } from '../../docs/model.js';
import { normalize } from '../../text/normalize.js';
import { yearOf } from '../common.js';
import { facetValues } from '../../kinds/facets.js';
import { FTS_DELETE, FTS_INSERT, ftsValues, titleField } from './schema.js';

type Stmt = (sql: string) => Database.Statement;

/** Delete a document, its passages (and their FTS rows, deleted with the folded old values) and references. */
export function deleteDocTx(stmt: Stmt, docId: string): boolean {
  const rows = stmt(`SELECT rowid, doc_title, heading, text FROM passages WHERE doc_id = ?`).all(docId) as { rowid: number; doc_title: string; heading: string; text: string }[];
  const del = stmt(FTS_DELETE);
  const number = (stmt(`SELECT number FROM documents WHERE id = ?`).get(docId) as { number: string | null } | undefined)?.number;
  for (const r of rows) del.run(...ftsValues(r.rowid, titleField(r.doc_title, number), r.heading, r.text));
  stmt(`DELETE FROM refs WHERE doc_id = ?`).run(docId);
  stmt(`DELETE FROM passages WHERE doc_id = ?`).run(docId);
  return stmt(`DELETE FROM documents WHERE id = ?`).run(docId).changes > 0;
}

/** Replace a document with all its passages. */
export function upsertTx(stmt: Stmt, document: DocumentRecord, passages: PassageRecord[]): void {
  const title = normalize(document.title);
  const insDoc = stmt(`INSERT INTO documents (id, kind, number, ref_id, issuer, issued_at, year, title, url, json, updated_at, facets)
    VALUES (@id, @kind, @number, @ref_id, @issuer, @issued_at, @year, @title, @url, @json, @updated_at, @facets)`);
  const insP = stmt(`INSERT INTO passages (id, doc_id, ordinal, anchor, heading, doc_title, text, refs_json, aliases) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insR = stmt(`INSERT INTO refs (passage_rowid, doc_id, canonical, relation, start, end, json) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insF = stmt(FTS_INSERT);
  deleteDocTx(stmt, document.id);
  insDoc.run({
    id: document.id, kind: document.kind, number: document.number ?? null, ref_id: document.refId ?? null,
    issuer: document.issuer ?? null, issued_at: document.issuedAt ?? null, year: yearOf(document.issuedAt) ?? null,
    title, url: document.source.url ?? null, json: JSON.stringify(document), updated_at: new Date().toISOString(),
    facets: JSON.stringify(facetValues(document)),
  });
  for (const p of passages) {
    const text = normalize(p.text);
    const heading = p.headingPath ?? '';
    const refs = p.refs ?? [];
    const info = insP.run(p.id, document.id, p.ordinal, p.anchor, heading, title, text, JSON.stringify(refs), p.aliases?.length ? JSON.stringify(p.aliases) : null);
    const rowid = Number(info.lastInsertRowid);
    insF.run(...ftsValues(rowid, titleField(title, document.number), heading, text));
    for (const r of refs) if (!r.self) insR.run(rowid, document.id, r.canonical, r.relation ?? 'mention', r.start, r.end, JSON.stringify(r));
  }
}
