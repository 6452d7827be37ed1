/**
 * Test fixtures built in memory: tiny PDFs (plain, image-less empty, RC4-encrypted), temp dirs, and
 * the location of the shared real data.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const pdfSamplesDir = path.join(sharedDir, 'corpus/pdf-samples/files');
export const seedsDir = path.join(sharedDir, 'seeds');
export const vbplDir = path.join(sharedDir, 'corpus/vbpl-central');
export const hasShared = existsSync(pdfSamplesDir) && existsSync(seedsDir);

export function tempDir(prefix = 'ingest-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** PDF literal string escaping for ASCII text. */
function pdfString(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) { j = (j + s[i] + key[i % key.length]) & 255; [s[i], s[j]] = [s[j], s[i]]; }
  const out = Buffer.alloc(data.length);
  let i = 0; j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255; j = (j + s[i]) & 255; [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

const PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
function padPassword(p: string): Buffer { return Buffer.concat([Buffer.from(p, 'latin1'), PAD]).subarray(0, 32); }

/**
 * A minimal valid PDF with one page per string (ASCII text, Helvetica, one line per "\n").
 * With `userPassword` it is encrypted with the Standard security handler, revision 2 (RC4, 40-bit),
 * as in PDF 1.7 §7.6.3 (algorithms 2, 3 and 4), so a reader needs the password to open it.
 */
export function makePdf(pages: string[], opts: { userPassword?: string; ownerPassword?: string } = {}): Buffer {
  const id0 = createHash('md5').update(pages.join('|')).digest();
  let fileKey: Buffer | undefined;
  let encryptDict = '';
  if (opts.userPassword !== undefined) {
    const P = -44; // print/copy not allowed: a typical "protected" file
    const oKey = md5(padPassword(opts.ownerPassword ?? `${opts.userPassword}-owner`)).subarray(0, 5);
    const O = rc4(oKey, padPassword(opts.userPassword));
    const pBytes = Buffer.alloc(4); pBytes.writeInt32LE(P);
    fileKey = md5(padPassword(opts.userPassword), O, pBytes, id0).subarray(0, 5);
    const U = rc4(fileKey, PAD);
    encryptDict = `<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${P} >>`;
  }
  const objKey = (num: number) => {
    const k = Buffer.alloc(5 + 5);
    fileKey!.copy(k, 0);
    k.writeUIntLE(num, 5, 3);
    k.writeUIntLE(0, 8, 2);
    return md5(k).subarray(0, Math.min(16, 5 + 5));
  };
  const objects: (string | Buffer)[] = [];
  const n = pages.length;
  // 1 catalog, 2 pages, 3 font, then page/content pairs, then (optional) encrypt dict.
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pages.map((_, i) => `${4 + 2 * i} 0 R`).join(' ')}] /Count ${n} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((text, i) => {
    const contentNum = 5 + 2 * i;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentNum} 0 R >>`);
    const ops = ['BT', '/F1 11 Tf', '14 TL', '72 740 Td', ...text.split('\n').map((l) => `${pdfString(l)} '`), 'ET'].join('\n');
    let stream: Buffer = Buffer.from(ops, 'latin1');
    if (fileKey) stream = rc4(objKey(contentNum), stream);
    objects.push(Buffer.concat([Buffer.from(`<< /Length ${stream.length} >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream', 'latin1')]));
  });
  if (encryptDict) objects.push(encryptDict);
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  const offsets: number[] = [];
  let pos = chunks[0].length;
  objects.forEach((o, i) => {
    const body = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(pos);
    chunks.push(body);
    pos += body.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encryptDict ? ` /Encrypt ${objects.length} 0 R` : ''} /ID [<${id0.toString('hex')}> <${id0.toString('hex')}>] >>\nstartxref\n${pos}\n%%EOF\n`;
  chunks.push(Buffer.from(xref + trailer, 'latin1'));
  return Buffer.concat(chunks);
}

/**
 * Text as Windows-1258 writes it: letters with circumflex, breve or horn (and đ) precomposed, the five
 * tones as combining marks after them ("ệ" → "ê" + U+0323). iconv.encode(toCp1258Form(s), 'windows1258')
 * then gives real cp1258 bytes.
 */
export function toCp1258Form(s: string): string {
  return s.normalize('NFD').replace(/([A-Za-z])([\u0300-\u036f]+)/g, (_, base: string, marks: string) => {
    const shape = [...marks].filter((m) => m === '\u0302' || m === '\u0306' || m === '\u031B').join('');
    const tones = [...marks].filter((m) => '\u0300\u0301\u0303\u0309\u0323'.includes(m)).join('');
    return (base + shape).normalize('NFC') + tones;
  });
}

/** Deterministic pseudo-random bytes (binary junk). */
export function junk(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; b[i] = x >> 16 & 255; }
  return b;
}
