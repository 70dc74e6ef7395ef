import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// Opening a FIFO for reading waits for a writer: a regression would hang, so the cases run in a child
// process with a timeout rather than in this one.
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gradlab-fifo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: string[][] = [
  ['train', '--dataset', 'pipe.csv', '--epochs', '1'],
  ['train', '--dataset', 'iris', '--epochs', '1', '--save', 'pipe.json'],
  ['train', '--dataset', 'iris', '--epochs', '1', '--checkpoint', 'pipe.json'],
  ['train', '--dataset', 'iris', '--epochs', '1', '--resume', 'pipe.json'],
  ['predict', '--model', 'pipe.json', '--data', 'rows.csv'],
  ['predict', '--model', 'm.json', '--data', 'pipe.csv'],
  ['evaluate', '--model', 'pipe.json', '--dataset', 'iris'],
  ['evaluate', '--model', 'm.json', '--dataset', 'pipe.csv'],
  ['export', '--model', 'pipe.json', '--onnx', 'm.onnx'],
  ['export', '--model', 'm.json', '--onnx', 'pipe.onnx'],
  ['compare', '--dataset', 'iris', '--epochs', '1', '--optimizers', 'gd', '--plot', 'pipe.svg'],
];
const script = `
import { main } from ${JSON.stringify(join(root, 'src/cli/main.ts'))};
const results = [];
for (const args of ${JSON.stringify(CASES)}) {
  let stdout = '', stderr = '';
  const code = await main(args, { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, cwd: ${JSON.stringify(dir)} });
  results.push({ code, stdout, stderr });
}
process.stdout.write(JSON.stringify(results));
`;

describe('named pipes (FIFOs) are refused at once, as inputs and as outputs', () => {
  it('every path a command reads or writes', async () => {
    expect((await runCli(['train', '--dataset', 'iris', '--epochs', '1', '--hidden', '4', '--save', 'm.json', '--json'], dir)).code).toBe(
      0,
    );
    for (const name of ['pipe.csv', 'pipe.json', 'pipe.onnx', 'pipe.svg', 'rows.csv']) execFileSync('mkfifo', [join(dir, name)]);
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.error).toBeUndefined(); // ETIMEDOUT if any case blocked
    const results = JSON.parse(child.stdout) as { code: number; stdout: string; stderr: string }[];
    const fifo = 'is a named pipe (FIFO), not a regular file';
    const expected = [
      `gradlab train: pipe.csv: ${fifo}; gradlab reads data only from regular files`,
      `gradlab train: --save pipe.json: ${fifo} (nothing was written)`,
      `gradlab train: --checkpoint pipe.json: ${fifo} (nothing was written)`,
      `gradlab train: --resume pipe.json: cannot read checkpoint: ${fifo}`,
      `gradlab predict: pipe.json: cannot read model file: ${fifo}`,
      `gradlab predict: pipe.csv: ${fifo}; gradlab reads data only from regular files`,
      `gradlab evaluate: pipe.json: cannot read model file: ${fifo}`,
      `gradlab evaluate: pipe.csv: ${fifo}; gradlab reads data only from regular files`,
      `gradlab export: pipe.json: cannot read model file: ${fifo}`,
      `gradlab export: --onnx pipe.onnx: ${fifo} (nothing was written)`,
      `gradlab compare: --plot pipe.svg: ${fifo} (nothing was written)`,
    ];
    expect(results.map((r) => [r.code, r.stdout, r.stderr])).toEqual(expected.map((message) => [1, '', `${message}\n`]));
  });
});
