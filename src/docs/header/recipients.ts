/** Recipients sub-parser: "Kính gửi: …" at the top and the "Nơi nhận: …" list at the end. */
import { fold } from '../../text/fold.js';
import type { HeaderInfo } from './types.js';

export function parseRecipients(text: string, from: number, info: HeaderInfo): void {
  const out: string[] = [];
  // "Kính gửi: Sở GD&ĐT các tỉnh" or a "Kính gửi:" line followed by "- …;" items
  const kg = /Kính\s*gửi\s*:?\s*/u.exec(text.slice(0, Math.min(text.length, 8000)));
  if (kg) {
    const s = kg.index + kg[0].length;
    const chunk = text.slice(s, Math.min(text.length, s + 1500));
    const items: string[] = [];
    const lines = chunk.split('\n');
    const firstLine = lines[0].trim();
    const inline = firstLine && !/^[-–+•]/.test(firstLine);
    if (inline) items.push(firstLine);
    for (let i = inline ? 1 : 0; i < lines.length; i++) {
      const t = lines[i].trim();
      if (!t) { if (items.length) { const nxt = lines.slice(i + 1).find((x) => x.trim()); if (!nxt || !/^[-–+•]/.test(nxt.trim())) break; } continue; }
      if (/^[-–+•]/.test(t)) items.push(t);
      else break;
    }
    for (const it of items) for (const p of splitItems(it)) out.push(p);
  }
  // "Nơi nhận:" list (after the body); items until "Lưu: …"
  const re = /Nơi\s*nhận\s*:?/gu;
  re.lastIndex = from;
  const nn = re.exec(text);
  if (nn) {
    const s = nn.index + nn[0].length;
    const chunk = text.slice(s, Math.min(text.length, s + 3000));
    const lu = /[-–+•]?\s*Lưu\s*:?[^\n]*?(?=\p{Lu}{2,}[ \t]+\p{Lu}|\n|$)/u.exec(chunk);
    const listEnd = lu ? lu.index + lu[0].length : Math.min(chunk.length, (chunk.search(/\n\s*\n\s*[^-–+•\s]/) + 1) || chunk.length);
    const body = chunk.slice(0, lu ? lu.index : listEnd);
    for (const p of splitItems(body)) out.push(p);
    info.tailSpans.push({ start: nn.index, end: s + listEnd });
  }
  const seen = new Set<string>();
  const rec = out.filter((r) => { const k = fold(r); if (!r || seen.has(k)) return false; seen.add(k); return true; });
  if (rec.length) info.recipients = rec;
}

function splitItems(s: string): string[] {
  return s.split(/\n|;\s*(?=[-–+•])|(?<=;)\s*|(?:^|\s)[-–+•]\s*/u)
    .map((x) => x.replace(/^[-–+•\s]+|[;.,\s]+$/gu, '').replace(/\s+/g, ' ').trim())
    .filter((x) => x.length > 1 && !/^Lưu\b/u.test(x) && !/^Như (?:trên|Điều|khoản)/u.test(x));
}
