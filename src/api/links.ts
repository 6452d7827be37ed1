/** Link builders shared by the API and the pages. */
import type { Reference } from '../docs/model.js';

/** Anchor of a pinpoint on the cited document ("dieu-5-khoan-2"), matching the structure parser's anchors. */
export function pinpointAnchor(r: Reference): string | undefined {
  const p = r.pinpoint;
  if (!p?.dieu) return p?.phuLuc ? `phu-luc-${p.phuLuc.toLowerCase()}` : undefined;
  return [`dieu-${p.dieu}`, p.khoan && `khoan-${p.khoan}`, p.diem && `diem-${p.diem}`].filter(Boolean).join('-').toLowerCase();
}

/** Where a reference leads: /r/{canonical} resolves to the document (and the pinpointed passage) or to candidates. */
export function refLink(r: Reference): string {
  const anchor = pinpointAnchor(r);
  return `/r/${encodeURIComponent(r.canonical)}${anchor ? `?at=${encodeURIComponent(anchor)}` : ''}`;
}
