// Loaded with `node --import` into a child process by tests/ingest/limits.test.ts: on exit, write the
// process's peak resident set size (bytes) to the file named by RSS_REPORT_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.RSS_REPORT_FILE) writeFileSync(process.env.RSS_REPORT_FILE, String(process.resourceUsage().maxRSS * 1024));
});
