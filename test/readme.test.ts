import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The first ```ts block after `heading`. */
function codeAfter(heading: string): string {
  const start = readme.indexOf(heading);
  expect(start, `README has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const open = readme.indexOf('```ts\n', start) + '```ts\n'.length;
  return readme.slice(open, readme.indexOf('```', open));
}

/** Runs a snippet as a file inside the repository, so `import … from 'gradlab'` resolves to this package. */
function run(code: string): string {
  const dir = mkdtempSync(join(root, '.readme-'));
  try {
    writeFileSync(join(dir, 'snippet.ts'), code);
    return execFileSync(process.execPath, ['--import', 'tsx', join(dir, 'snippet.ts')], { cwd: root, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('README', () => {
  it('the first one-liner shows learning: its progress ends at a train accuracy far above its first epoch', () => {
    const line = /node -e "(import\('gradlab'\)\.then\(g => g\.fit\(.*\)\))"/.exec(readme);
    expect(line, 'README has no node -e one-liner').not.toBeNull();
    const call = /g\.fit\((.*)\)\)$/.exec(line![1]!)![1]!;
    const out = run(
      `import * as g from 'gradlab';\nconst lines: string[] = [];\nconst h = g.fit(${call.replace(/\}$/, ', log: (l: string) => lines.push(l) }')});\n` +
        `console.log(JSON.stringify({ first: h.metrics.accuracy![0], last: h.metrics.accuracy!.at(-1), summary: lines.at(-1) }));\n`,
    );
    const r = JSON.parse(out) as { first: number; last: number; summary: string };
    expect(r.last).toBeGreaterThan(0.95);
    // The first epoch's mean accuracy counts the learning within that epoch.
    expect(r.last - r.first).toBeGreaterThan(0.15);
    expect(r.summary).toMatch(/train accuracy \(epoch mean\) (1\.0000|0\.9\d{3})/);
  });

  it('quick start is at most 15 lines of code and runs as written, printing the stated accuracy', () => {
    const code = codeAfter('## Quick start');
    expect(code.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(15);
    expect(run(code)).toBe('epoch 25: mean batch loss 0.0634\nepoch 50: mean batch loss 0.0530\ntest accuracy 0.9666666666666667\n');
    expect(readme).toContain('0.0634 and 0.0530, then `test accuracy 0.9666…`');
  });

  it("the custom-Module section's model passes assertModelGradcheck, and the bug it describes is caught by name", () => {
    const code = codeAfter('#### Testing a custom Module with vitest').replace(/^\s*\/\/ src\/scaled-tanh\.ts\n/m, '');
    const check =
      `\nimport { assertModelGradcheck as check, crossEntropy as ce, randn as rn } from 'gradlab';\n` +
      `try { check(new TanhNet(), rn([5, 3], { seed: 7 }), (l) => ce(l, [0, 1, 1, 0, 1])); console.log('ok'); } catch (e) { console.log((e as Error).message.split('\\n')[0]); }\n`;
    expect(run(code + check)).toBe('ok\n');
    const buggy = code.replace('da[i % k]! += grad[i]! * t[i]!;', 'da[i % k] = grad[i]! * t[i]!;');
    expect(buggy).not.toBe(code);
    expect(run(buggy + check)).toBe('gradcheck of TanhNet failed for scale:\n');
  });

  it('states the two set-up commands, and .ci/run runs npm ci and the same test command', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it('the pluggable-optimizers snippet (a chain, and Lion as a custom transform) runs and prints what the text says', () => {
    const out = run(codeAfter('### Pluggable optimizers'));
    expect(out).toBe('[ 0.9, -1.9, 3 ] { m: [ 0, 0, 0 ] } [ -0.1, 0.1, 0 ]\n');
    expect(readme).toContain('prints `[ 0.9, -1.9, 3 ] { m: [ 0, 0, 0 ] } [ -0.1, 0.1, 0 ]`');
  });

  it('the higher-order snippet runs and prints what the text says', () => {
    expect(run(codeAfter('### Higher-order gradients'))).toBe(
      '[ 3, 12 ] [ 6, 12 ] [ [ 6, 0 ], [ 0, 12 ] ] [ 6, -12 ]\nλ_max 1.5985, 2/λ_max 1.25\n',
    );
    expect(readme).toContain('prints `[ 3, 12 ] [ 6, 12 ] [ [ 6, 0 ], [ 0, 12 ] ] [ 6, -12 ]` and `λ_max 1.5985, 2/λ_max 1.25`');
  });

  it("docs/ops.md's example op passes gradcheck and gradgradcheck", () => {
    const doc = readFileSync(join(root, 'docs/ops.md'), 'utf8');
    const open = doc.indexOf('```ts\n') + '```ts\n'.length;
    const code = doc.slice(open, doc.indexOf('```', open));
    const check =
      `\nimport { assertGradcheck, assertGradgradcheck, randn } from 'gradlab';\n` +
      `const x = randn([3, 4], { seed: 1, requiresGrad: true });\nassertGradcheck(xExp, [x]);\nassertGradgradcheck(xExp, [x]);\nconsole.log('ok');\n`;
    expect(run(code + check)).toBe('ok\n');
  });
  it('the Unit-test-your-model file is the one the package test runs in a project that installed gradlab', () => {
    const file = readFileSync(join(root, 'test/package/consumer/model.test.ts'), 'utf8').split('\n').slice(2).join('\n');
    expect(readme).toContain(`\`\`\`ts\n// model.test.ts\n${file}\`\`\``);
  });
});
