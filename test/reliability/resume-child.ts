// Run by resume.test.ts in a new process: `node --import tsx resume-child.ts <checkpoint dir> <out.json>`.
// Resumes every case from its checkpoint, trains to the last epoch, and writes the outcomes as JSON.
import '../../src/node/index.ts'; // as `import 'gradlab'` in Node: checkpoints are files
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASES, outcome, runCase } from './resume-setup.ts';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: resume-child.ts <checkpoint dir> <out.json>');
const results = Object.fromEntries(
  Object.keys(CASES).map((name, i) => [name, outcome(runCase(name, { resumeFrom: join(dir, `case-${i}.json`) }))]),
);
writeFileSync(out, JSON.stringify({ pid: process.pid, results }));
