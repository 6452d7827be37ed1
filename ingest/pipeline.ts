/**
 * The version of the parsing pipeline: the code that turns a file into documents (extractors, cleaning,
 * header and structure parsing, passages, reference tagging). It is stored with every source's content
 * hash, so after an upgrade that changes what parsing produces, `npm start` / `ingest` re-read the
 * files instead of keeping documents parsed by the old code.
 *
 * Bump it whenever parsing output changes. tests/ingest/pipeline-version.test.ts keeps it honest: it
 * hashes the parse output of a golden set (corpus/ and generated TXT, HTML, DOCX, PDF and JSONL inputs)
 * and fails when that hash differs from the one recorded for this version
 * (tests/fixtures/pipeline-version.json); after a bump, record the new hash with
 *   UPDATE_PIPELINE_VERSION=1 npx vitest run tests/ingest/pipeline-version.test.ts
 */
export const PIPELINE_VERSION = 4;

/** What the runner stores beside each source's hash ("p1"). */
export function pipelineFingerprint(): string {
  return `p${PIPELINE_VERSION}`;
}
