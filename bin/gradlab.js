#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx compiles them on load, so there is no build step.
import { register } from 'tsx/esm/api';

// `gradlab … | head` closes the pipe early; stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

register();
const { main } = await import('../src/cli/main.ts');
// exitCode rather than process.exit(), so piped stdout (a --json document) is flushed completely.
process.exitCode = await main(process.argv.slice(2));
