/** Link builders (pure): permalinks of documents and passages, links of references. Used by the API, the pages and the CLI. */
import type { Reference } from '../docs/model.js';
import { normalizeAnchor } from '../docs/anchors.js';

/** A document's page, optionally with words to highlight (?q=) and a passage anchor: /d/{id}?q=…#{anchor}. */
export function docLink(id: string, anchor?: string, q?: string): string {
  return `/d/${encodeURIComponent(id)}${q ? `?q=${encodeURIComponent(q)}` : ''}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}

/** Anchor of a pinpoint on the cited document ("dieu-5-khoan-2"), matching the structure parser's anchors. */
export function pinpointAnchor(r: Reference): string | undefined {
  const p = r.pinpoint;
  if (!p?.dieu) return p?.phuLuc ? normalizeAnchor(`phu-luc-${p.phuLuc}`) : undefined;
  return normalizeAnchor([`dieu-${p.dieu}`, p.khoan && `khoan-${p.khoan}`, p.diem && `diem-${p.diem}`].filter(Boolean).join('-'));
}

/** Where a reference leads: /r/{canonical} resolves to the document (and the pinpointed passage) or to candidates. */
export function refLink(r: Reference): string {
  const anchor = pinpointAnchor(r);
  return `/r/${encodeURIComponent(r.canonical)}${anchor ? `?at=${encodeURIComponent(anchor)}` : ''}`;
}
