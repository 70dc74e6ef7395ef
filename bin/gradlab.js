#!/usr/bin/env node
// In the installed package this runs the compiled JavaScript in dist/. In a source checkout (src/
// is there, and the package does not ship it) it runs the TypeScript sources through tsx instead,
// so the command never runs a stale build while you edit.
import { existsSync } from 'node:fs';

// `gradlab … | head` closes the pipe early; stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const source = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
// exitCode rather than process.exit(), so piped stdout (a --json document) is flushed completely.
process.exitCode = await main(process.argv.slice(2));
