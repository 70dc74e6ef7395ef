#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx compiles them on load, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
// exitCode rather than process.exit(), so piped stdout (a --json document) is flushed completely.
process.exitCode = await main(process.argv.slice(2));
