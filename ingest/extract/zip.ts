/**
 * ZIP bounds for DOCX (and any ZIP container): every part is inflated with yauzl (zlib streams) and its
 * bytes are counted as they come out; past `maxInflatedBytes` (all parts together) the stream is
 * destroyed at once, so a ZIP bomb costs at most the limit in CPU and one zlib chunk in memory. A part
 * whose declared size is already over the limit is refused before any inflating. Only when the whole
 * archive fits does the caller hand the bytes to its parser (mammoth). Declared sizes are not trusted
 * (yauzl's own size check is off): the count of bytes actually inflated is the guard.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { AppError } from '../../src/errors.js';
import type { IngestLimits } from '../limits.js';
import { formatBytes, limitError } from '../limits.js';
import { errorMessage } from './util.js';

export interface ZipSummary { entries: number; inflatedBytes: number }

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: Entry) => { done(); resolve(e); };
    const onEnd = () => { done(); resolve(null); };
    const onError = (err: Error) => { done(); reject(err); };
    const done = () => { zip.off('entry', onEntry); zip.off('end', onEnd); zip.off('error', onError); };
    zip.on('entry', onEntry); zip.on('end', onEnd); zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * Inflate every part of the ZIP (but those `skip` names) in `bytes`, counting, and throw 'limit_exceeded' as soon as the total
 * passes limits.maxInflatedBytes; 'extract_failed' when the archive is damaged. `label` names the file.
 */
export async function checkZipInflation(
  bytes: Buffer, limits: IngestLimits, label: string,
  /** Parts the caller will never read (DOCX images): not inflated, not counted. */
  skip: (name: string) => boolean = () => false,
): Promise<ZipSummary> {
  const max = limits.maxInflatedBytes;
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: false });
  } catch (e) {
    throw new AppError('extract_failed', `${label}: not a readable ZIP archive: ${errorMessage(e)}`, { cause: e });
  }
  let total = 0;
  let entries = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      entries++;
      if (entry.fileName.endsWith('/') || skip(entry.fileName)) continue;
      if (total + entry.uncompressedSize > max) {
        throw limitError('maxInflatedBytes', `${label}: part ${entry.fileName} declares ${formatBytes(entry.uncompressedSize)} inflated (${formatBytes(total + entry.uncompressedSize)} with the parts before it)`, limits);
      }
      const stream = await zip.openReadStreamPromise(entry);
      await new Promise<void>((resolve, reject) => {
        let over = false;
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > max && !over) {
            over = true;
            stream.destroy();
            reject(limitError('maxInflatedBytes', `${label}: part ${entry!.fileName} inflates past ${formatBytes(total)} (stopped there)`, limits));
          }
        });
        stream.on('end', resolve);
        stream.on('error', (err) => { if (!over) reject(new AppError('extract_failed', `${label}: damaged ZIP part ${entry!.fileName}: ${errorMessage(err)}`, { cause: err })); });
      });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('extract_failed', `${label}: damaged ZIP archive: ${errorMessage(e)}`, { cause: e });
  } finally {
    zip.close();
  }
  return { entries, inflatedBytes: total };
}
