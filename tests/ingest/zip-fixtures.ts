/**
 * Generated ZIP / DOCX files for the ingest-limit tests (no committed binaries): a minimal valid
 * DOCX whose word/document.xml has as many paragraphs as asked, streamed through deflate so a
 * 700 MB document never sits in memory (only its compressed form does).
 */
import { writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

interface Part { name: string; crc: number; size: number; data: Buffer; method: 0 | 8 }

function u16(n: number) { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; }
function u32(n: number) { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; }

/** ZIP (PKWARE APPNOTE 4.3: local headers, central directory, end record); `declaredSize` may lie. */
function zipBytes(parts: (Part & { declaredSize?: number })[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const size = p.declaredSize ?? p.size;
    const fields = [u16(20), u16(0), u16(p.method), u16(0), u16(0x21), u32(p.crc), u32(p.data.length), u32(size), u16(name.length), u16(0)];
    const local = Buffer.concat([u32(0x04034b50), ...fields, name]);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), ...fields, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    out.push(local, p.data);
    offset += local.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(parts.length), u16(parts.length), u32(cd.length), u32(offset), u16(0)]);
  return Buffer.concat([...out, cd, end]);
}

function smallPart(name: string, text: string): Part {
  const raw = Buffer.from(text);
  return { name, crc: crc32(raw), size: raw.length, data: deflateRawSync(raw), method: 8 };
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOC_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOC_TAIL = '</w:body></w:document>';
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;

/** A small DOCX whose paragraphs are `lines`; `media` adds word/media/image1.png with those bytes. */
export function makeDocx(lines: string[], opts: { media?: Buffer } = {}): Buffer {
  const media: Part[] = opts.media ? [{ name: 'word/media/image1.png', crc: crc32(opts.media), size: opts.media.length, data: deflateRawSync(opts.media), method: 8 }] : [];
  return zipBytes([
    smallPart('[Content_Types].xml', CONTENT_TYPES),
    smallPart('_rels/.rels', RELS),
    smallPart('word/document.xml', DOC_HEAD + lines.map(para).join('') + DOC_TAIL),
    ...media,
  ]);
}

/**
 * A DOCX whose document.xml inflates to about `inflatedBytes` (one article "Điều N. …" repeated per ~1 MB block),
 * written to `file`. With `declaredSize` the ZIP headers lie about the inflated size (a crafted bomb).
 * Returns the file size and the real inflated size.
 */
export async function writeBigDocx(file: string, inflatedBytes: number, opts: { declaredSize?: number } = {}): Promise<{ fileBytes: number; inflatedBytes: number }> {
  let crc = 0;
  let size = 0;
  async function* xml() {
    const head = Buffer.from(DOC_HEAD);
    crc = crc32(head, crc); size += head.length; yield head;
    let n = 1;
    while (size < inflatedBytes) {
      // One article per ~1 MB block, its paragraph repeated: compresses ~1000:1 and deflates fast.
      const b = Buffer.from(para(`Điều ${n}. Quy định số ${n} về đánh giá học sinh trung học cơ sở.`).repeat(8000));
      n++;
      crc = crc32(b, crc); size += b.length; yield b;
    }
    const tail = Buffer.from(DOC_TAIL);
    crc = crc32(tail, crc); size += tail.length; yield tail;
  }
  const chunks: Buffer[] = [];
  for await (const c of Readable.from(xml()).pipe(createDeflateRaw({ level: 6 }))) chunks.push(c as Buffer);
  const bytes = zipBytes([
    smallPart('[Content_Types].xml', CONTENT_TYPES),
    smallPart('_rels/.rels', RELS),
    { name: 'word/document.xml', crc, size, data: Buffer.concat(chunks), method: 8, declaredSize: opts.declaredSize },
  ]);
  writeFileSync(file, bytes);
  return { fileBytes: bytes.length, inflatedBytes: size };
}
