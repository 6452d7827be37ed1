#!/usr/bin/env node
// The compiled CLI (npm run build → dist/). From a checkout without a build, the TypeScript sources run
// through tsx (a devDependency).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
