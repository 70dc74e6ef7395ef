// "Copy as code" writes scripts people paste into their own projects: each must pass this project's lint
// and type check as written, and print the numbers the page shows.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Race, surfaceInfo } from '../../playground/src/race/race.ts';
import { copyAsCode } from '../../playground/src/share/code.ts';
import { defaultSettings } from '../../playground/src/state/methods.ts';
import { type PlaygroundState, defaultState } from '../../playground/src/state/schema.ts';
import { Trainer, generate, prepare } from '../../playground/src/train/engine.ts';
import { ROOT } from './support/site.ts';

/** The states whose code is checked: every branch of the generator (noise, schedules, formulas, batches, CSV). */
function states() {
  const plain = defaultState();
  const all = defaultState();
  all.race.methods = (['gd', 'sgd', 'minibatch', 'momentum', 'adagrad', 'rmsprop', 'adam'] as const).map((m) => defaultSettings(m, 0.001));
  all.race.methods[6]!.schedule = 'cosine';
  const typed = defaultState();
  Object.assign(typed.race, { surface: 'custom', expr: 'x^2*y + 3y + sqrt(abs(x)) + 2^x - tanh(y)/e', start: [0.5, 0.5], step: 20 });
  const broken = defaultState();
  // A shared link can carry a line break: it must stay inside the comment, not become code.
  Object.assign(broken.race, { surface: 'custom', expr: "x^^2\nconsole.log('injected')" });
  const train = defaultState();
  train.view = 'train';
  const batches = defaultState();
  Object.assign(batches, { view: 'train' });
  Object.assign(batches.train, { batch: 16, optimizer: { ...defaultSettings('momentum', 0.05), schedule: 'step' } });
  const csv = defaultState();
  Object.assign(csv, { view: 'train' });
  Object.assign(csv.train, { data: 'csv', batch: 500, optimizer: defaultSettings('adamw') });
  return { plain, all, typed, broken, train, batches, csv } satisfies Record<string, PlaygroundState>;
}

const code = (st: PlaygroundState): string => {
  let surface = null;
  try {
    surface = surfaceInfo(st.race);
  } catch {
    /* a formula that does not parse */
  }
  return copyAsCode(st, surface);
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(ROOT, '.copy-code-'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['*.ts'] }));
  for (const [name, st] of Object.entries(states())) writeFileSync(join(dir, `${name}.ts`), code(st));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Copy as code', () => {
  it("passes the project's eslint config (no unused imports or variables) and its type check", async () => {
    // The type check runs beside the lint (each builds its own TypeScript program over gradlab's sources).
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const typecheck = new Promise<string>((done) =>
      execFile(process.execPath, [tsc, '--noEmit', '-p', dir], { encoding: 'utf8' }, (error, stdout) =>
        done(error ? stdout || error.message : ''),
      ),
    );
    const eslint = new ESLint({ cwd: ROOT, ignore: false });
    const results = await eslint.lintFiles([join(dir, '*.ts')]);
    expect(results).toHaveLength(Object.keys(states()).length);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${m.line} ${m.ruleId ?? ''} ${m.message}`),
    );
    expect(problems).toEqual([]);
    expect(await typecheck).toBe('');
    // Nothing beyond what is used: the default race needs no noise generator, schedules or tensor functions.
    expect(code(states().plain)).toContain(
      "import { Adam, createOptimizer, formatTrace, SURFACES, Tensor, traceOptimizer } from 'gradlab';",
    );
    expect(code(states().broken)).not.toMatch(/^console\.log\('injected'\)/m);
  }, 120_000);

  it('prints the numbers the page shows: the race at its step, the network at its step', () => {
    const run = (name: string): string =>
      execFileSync(process.execPath, ['--import', 'tsx', join(dir, `${name}.ts`)], { cwd: ROOT, encoding: 'utf8' });
    const all = states().all.race;
    const race = new Race(all, surfaceInfo(all));
    race.advanceTo(all.step);
    const printed = run('all')
      .split('\n')
      .filter((l) => /^\w+ -?\d/.test(l))
      .map((l) => l.split(' '));
    expect(printed.map((p) => p[0])).toEqual(all.methods.map((m) => m.method));
    printed.forEach((p, i) => {
      const r = race.racers[i]!;
      expect([Number(p[1]), Number(p[2])]).toEqual([r.path[2 * all.step], r.path[2 * all.step + 1]]);
    });
    const st = states().batches.train;
    const trainer = new Trainer(st, prepare(generate(st), st.dataSeed));
    for (let k = 0; k < st.step; k++) trainer.step();
    const [train, test] = trainer.currentLosses();
    expect(run('batches')).toBe(`train loss ${train} test loss ${test}\n`);
  }, 120_000);
});
