import path from 'node:path';
import { AppError } from '../../src/errors.js';

/** The file name for error messages (full path is in the report already). */
export function fileLabel(p: string): string {
  return path.basename(p) || p;
}

/**
 * Line-level tidying shared by the extractors: CR/CRLF → LF; each line trimmed; a run of spaces around
 * a tab → one tab (column/cell gap); other runs of spaces → one space; 3+ newlines → one blank line.
 */
export function tidyLines(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \u00A0]*\t[ \t\u00A0]*/g, '\t').replace(/[ \u00A0]{2,}/g, ' ').replace(/^[ \t\u00A0]+|[ \t\u00A0]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Throw empty_file when the extracted text has no letter or digit at all. */
export function requireText(text: string, p: string, what = 'no text'): void {
  if (!/[\p{L}\p{N}]/u.test(text)) {
    throw new AppError('empty_file', `${fileLabel(p)}: ${what} after extraction`);
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
