import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Runs the repository's import rules (.dependency-cruiser.js) over a tree of `files`; its exit code and report. */
function cruise(files: Record<string, string>): { status: number; report: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-layers-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const args = [depcruise, 'src', '--config', join(root, '.dependency-cruiser.js'), '--output-type', 'err-long'];
    try {
      return { status: 0, report: execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' }) };
    } catch (error) {
      const { status, stdout } = error as { status: number; stdout: string };
      return { status, report: stdout };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const uses = (...paths: string[]): string =>
  paths.map((p, i) => `import type { T as T${i} } from '${p}';\n`).join('') + 'export type T = 0;\n';

describe('the import rules (npm run lint:imports)', () => {
  it('pass on imports that run down the layers, and on the circle inside src/tensor', () => {
    const { status, report } = cruise({
      'src/util/random.ts': uses(),
      'src/tensor/tensor.ts': uses('./ops.ts', '../util/random.ts'),
      'src/tensor/ops.ts': uses('./tensor.ts'),
      'src/nn/module.ts': uses('../tensor/tensor.ts'),
      'src/checkpoint/format.ts': uses('../nn/module.ts'),
      'src/train/fit.ts': uses('../checkpoint/format.ts', '../nn/module.ts'),
    });
    expect(report).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('fail on an upward import, a sideways one and a circle, naming the rule and both files', () => {
    const { status, report } = cruise({
      'src/tensor/tensor.ts': uses('../optim/adam.ts'),
      'src/optim/adam.ts': uses('../nn/module.ts'),
      'src/nn/module.ts': uses('./shapes.ts'),
      'src/nn/shapes.ts': uses('./module.ts'),
      'src/checkpoint/format.ts': uses('../train/history.ts'),
      'src/train/history.ts': uses(),
    });
    expect(status).not.toBe(0);
    // One paragraph per violation: "error <rule>: <file> → <file>" (a circle's files go on over the next lines), then why.
    const paragraphs = report.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim());
    const errors = paragraphs
      .filter((p) => p.startsWith('error '))
      .map((p) => /^error [\w-]+: (src\/\S+ → )+src\/\S+/.exec(p)?.[0])
      .sort();
    expect(errors).toEqual([
      'error layer-checkpoint: src/checkpoint/format.ts → src/train/history.ts',
      'error layer-optim: src/optim/adam.ts → src/nn/module.ts',
      'error layer-tensor: src/tensor/tensor.ts → src/optim/adam.ts',
      'error no-circular: src/nn/module.ts → src/nn/shapes.ts → src/nn/module.ts',
    ]);
    expect(paragraphs).toContain(
      'error layer-tensor: src/tensor/tensor.ts → src/optim/adam.ts src/tensor/ may import only its own folder and the layers below it (src/util/, src/platform.ts); this import runs up or sideways. The layers are listed in .dependency-cruiser.js.',
    );
  });
});

describe("README's architecture diagram", () => {
  it('draws the layers of .dependency-cruiser.js, top down, each with its parts', async () => {
    const { LAYERS } = (await import(join(root, '.dependency-cruiser.js'))) as { LAYERS: Record<string, string[]>[] };
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Architecture'));
    const diagram = section.slice(section.indexOf('```\n') + 4, section.indexOf('```', section.indexOf('```\n') + 4));
    const drawn = diagram
      .trimEnd()
      .split('\n')
      .map((row) => row.split(/ {2,}/).filter((cell) => cell.startsWith('src/')));
    const configured = LAYERS.map((layer) => Object.values(layer).map((paths) => paths.join(' '))).reverse();
    // src/util/ and src/platform.ts share a part in the config and are two cells in the picture.
    expect(drawn.map((row) => row.join(' '))).toEqual(configured.map((parts) => parts.join(' ')));
  });
});
