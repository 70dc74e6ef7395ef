/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- JSON documents read back from the files written */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Every case runs the real binary in a temporary folder, as a user would.
const bin = fileURLToPath(new URL('../../bin/gradlab.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gradlab-safety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gradlab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

/** 60 rows, two features, classes a/b, deterministic. */
function csv(rows = 60, extra = ''): string {
  let text = 'x1,x2,kind\n';
  for (let i = 0; i < rows; i++) text += `${(i % 7) / 3},${(i % 5) - 2},${i % 2 ? 'a' : 'b'}\n`;
  return text + extra;
}
const train = ['train', '--epochs', '1', '--hidden', '4'];
writeFileSync(join(dir, 'v.csv'), csv());

describe('outputs are checked before training and never destroy anything', () => {
  it('--save onto the training CSV is refused before any training, the CSV untouched', () => {
    const r = gradlab(...train, '--dataset', 'v.csv', '--save', 'v.csv', '--force');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(''); // not even the data summary: refused up front
    expect(r.stderr).toBe(
      `gradlab train: --save v.csv: is the input data (${join(dir, 'v.csv')}); writing there would destroy it (nothing was written)\n`,
    );
    expect(readFileSync(join(dir, 'v.csv'), 'utf8')).toBe(csv());
  });

  it('a directory, a device and a foreign file are refused; --force replaces a foreign file; a model is replaced', () => {
    mkdirSync(join(dir, 'models'));
    expect(gradlab(...train, '--dataset', 'v.csv', '--save', 'models').stderr).toBe(
      'gradlab train: --save models: is a directory, not a regular file (nothing was written)\n',
    );
    expect(gradlab(...train, '--dataset', 'v.csv', '--save', '/dev/null').stderr).toBe(
      'gradlab train: --save /dev/null: is a character device, not a regular file (nothing was written)\n',
    );
    writeFileSync(join(dir, 'notes.json'), '{"todo": 1}');
    const foreign = gradlab(...train, '--dataset', 'v.csv', '--save', 'notes.json');
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toBe(
      'gradlab train: --save notes.json: exists and is not a file gradlab wrote (a model, checkpoint or picture); choose another path, or pass --force to replace it (nothing was written)\n',
    );
    expect(readFileSync(join(dir, 'notes.json'), 'utf8')).toBe('{"todo": 1}');
    expect(gradlab(...train, '--dataset', 'v.csv', '--save', 'notes.json', '--force', '--json').status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'notes.json'), 'utf8')).format).toBe('gradlab-model');
    expect(gradlab(...train, '--dataset', 'v.csv', '--save', 'notes.json', '--json').status).toBe(0); // now it is a gradlab model
  });

  it('a symlinked --save updates its target; a read-only file is refused; permissions survive', () => {
    mkdirSync(join(dir, 'store'));
    symlinkSync('store/m.json', join(dir, 'link.json'));
    expect(gradlab(...train, '--dataset', 'v.csv', '--save', 'link.json', '--json').status).toBe(0);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('store/m.json');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'store', 'm.json'), 'utf8')).format).toBe('gradlab-model');
    chmodSync(join(dir, 'store', 'm.json'), 0o640);
    expect(gradlab(...train, '--dataset', 'v.csv', '--save', 'link.json', '--json').status).toBe(0);
    expect(statSync(join(dir, 'store', 'm.json')).mode & 0o777).toBe(0o640);
    chmodSync(join(dir, 'store', 'm.json'), 0o444);
    const r = gradlab(...train, '--dataset', 'v.csv', '--save', 'link.json');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('gradlab train: --save link.json: is read-only; make it writable or choose another path (nothing was written)\n');
  });

  it('--plot refuses a foreign picture and replaces its own', () => {
    writeFileSync(join(dir, 'photo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const r = gradlab('surface', '--function', 'bowl', '--steps', '5', '--optimizers', 'gd', '--plot', 'photo.svg');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('gradlab surface: --plot photo.svg: exists and is not a file gradlab wrote');
    expect(gradlab('surface', '--function', 'bowl', '--steps', '5', '--optimizers', 'gd', '--plot', 'mine.svg').status).toBe(0);
    expect(gradlab('surface', '--function', 'bowl', '--steps', '5', '--optimizers', 'gd', '--plot', 'mine.svg').status).toBe(0);
    expect(readFileSync(join(dir, 'mine.svg'), 'utf8')).toContain('<!-- gradlab picture -->');
  });
});

describe('evaluate notices changed data', () => {
  it('rows added or shuffled: says so and scores every row, telling the rows trained on apart; a copy elsewhere is still the training data', () => {
    writeFileSync(join(dir, 'e.csv'), csv(80));
    expect(gradlab(...train, '--dataset', 'e.csv', '--save', 'e.json', '--json').status).toBe(0);
    copyFileSync(join(dir, 'e.csv'), join(dir, 'copy.csv'));
    expect(gradlab('evaluate', '--model', 'e.json', '--dataset', 'copy.csv').stdout).toContain(
      'evaluated on copy.csv, the test split (16 of 80 rows, seed 0)',
    );
    writeFileSync(join(dir, 'e.csv'), csv(80, '1,1,a\n2,2,b\n'));
    const added = gradlab('evaluate', '--model', 'e.json', '--dataset', 'e.csv');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain(
      "note: e.csv changed since the model was trained (80 rows at training, 82 now); the training run's split cannot be recreated, so every row is scored\nevaluated on e.csv, all 82 rows\n",
    );
    // but the rows trained on are still told apart, by content: at least the 64 of the train split (this CSV repeats rows)
    const seen =
      /^note: (\d+) of the 82 rows were seen in training \(same values and label as a training row, compared by content\): on them accuracy \d\.\d{4}, loss \d\.\d{4}; on the (\d+) unseen rows: accuracy /m.exec(
        added.stdout,
      );
    expect(seen).not.toBeNull();
    expect(Number(seen![1])).toBeGreaterThanOrEqual(64);
    expect(Number(seen![1]) + Number(seen![2])).toBe(82);
    const lines = csv(80).trimEnd().split('\n');
    writeFileSync(join(dir, 'e.csv'), [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n');
    const shuffled = JSON.parse(gradlab('evaluate', '--model', 'e.json', '--dataset', 'e.csv', '--json').stdout);
    expect(shuffled.split).toBe('all');
    expect(shuffled.seenInTraining).toBeGreaterThanOrEqual(64);
    expect(shuffled.dataChanged).toBe(
      'e.csv changed since the model was trained (the same 80 rows count but different values, labels or row order)',
    );
    const forced = gradlab('evaluate', '--model', 'e.json', '--dataset', 'e.csv', '--split', 'test');
    expect(forced.status).toBe(2);
    expect(forced.stderr).toContain(
      "--split test: e.csv changed since the model was trained (the same 80 rows count but different values, labels or row order), so the training run's test split cannot be recreated; use --split all",
    );
  });
});

describe('bad model files and bad data are errors, not wrong answers', () => {
  it('non-finite weights, a missing scaler and a config larger than its weights', () => {
    const model = JSON.parse(readFileSync(join(dir, 'e.json'), 'utf8'));
    const text = JSON.stringify(model).replace(
      /"layers\.0\.bias":\{"shape":\[4\],"data":\[[^,\]]+/,
      '"layers.0.bias":{"shape":[4],"data":[1e400',
    );
    writeFileSync(join(dir, 'inf.json'), text);
    const inf = gradlab('evaluate', '--model', 'inf.json', '--dataset', 'e.csv');
    expect(inf.status).toBe(1);
    expect(inf.stderr).toBe(
      'gradlab evaluate: inf.json: loadStateDict: the state does not fit this model:\n  parameter "layers.0.bias" holds Infinity at index 0; weights must be finite numbers\n',
    );
    writeFileSync(join(dir, 'noscaler.json'), JSON.stringify({ ...model, metadata: { ...model.metadata, scaler: undefined } }));
    expect(gradlab('evaluate', '--model', 'noscaler.json', '--dataset', 'e.csv').stderr).toBe(
      'gradlab evaluate: noscaler.json: the model\'s metadata has no "scaler"; it was trained on standardised features, and without the same scaler its predictions would be wrong\n',
    );
    writeFileSync(
      join(dir, 'huge.json'),
      JSON.stringify({ ...model, config: { type: 'MLP', sizes: [2, 12000, 12000, 2], activation: 'relu' } }),
    );
    const huge = gradlab('evaluate', '--model', 'huge.json', '--dataset', 'e.csv');
    expect(huge.status).toBe(1);
    expect(huge.stderr).toContain(
      'gradlab evaluate: huge.json: the stored weights do not fit the model\'s config {"type":"MLP","sizes":[2,12000,12000,2],"activation":"relu"}:\n  parameter "layers.0.weight" has shape [2,4], the config needs [2, 12000]',
    );
  });

  it('duplicate column names at training and at evaluation; a file that is not UTF-8; numeric labels', () => {
    writeFileSync(
      join(dir, 'dup.csv'),
      'x1,x2,x1,kind\n' +
        csv(60)
          .split('\n')
          .slice(1)
          .filter(Boolean)
          .map((l) => `1,${l}`)
          .join('\n'),
    );
    const dup = gradlab(...train, '--dataset', 'dup.csv');
    expect(dup.status).toBe(1);
    expect(dup.stderr).toBe(
      'gradlab train: dup.csv line 1 (header): columns 1 and 3 are both named "x1"; each column needs its own name\n',
    );
    expect(gradlab('evaluate', '--model', 'e.json', '--dataset', 'dup.csv').stderr).toBe(
      'gradlab evaluate: dup.csv line 1 (header): columns 1 and 3 are both named "x1"; each column needs its own name\n',
    );
    writeFileSync(
      join(dir, 'latin1.csv'),
      Buffer.concat([Buffer.from('x,kind\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n2,caf'), Buffer.from([0xe8]), Buffer.from('\n')]),
    );
    expect(gradlab(...train, '--dataset', 'latin1.csv').stderr).toBe(
      'gradlab train: latin1.csv line 2: the file is not valid UTF-8 (byte 0xe9 at offset 12); save it as UTF-8\n',
    );
    let numeric = 'x,kind\n';
    for (let i = 0; i < 30; i++) numeric += `${i},${['10', '2.0', '-1'][i % 3]!}\n`;
    writeFileSync(join(dir, 'numeric.csv'), numeric);
    const doc = JSON.parse(gradlab(...train, '--dataset', 'numeric.csv', '--json').stdout);
    expect(doc.dataset.classNames).toEqual(['-1', '2.0', '10']); // numeric order, each named as written
    // Two texts for one number would merge two classes silently: refused, naming both and where they are.
    writeFileSync(join(dir, 'merged.csv'), numeric.replace('\n3,10\n', '\n3,10.0\n'));
    expect(gradlab(...train, '--dataset', 'merged.csv').stderr).toBe(
      'gradlab train: merged.csv lines 2 and 5, column 2 (kind): the labels "10" and "10.0" are the same number; numeric labels are compared as numbers, so write each class one way\n',
    );
  });
});

describe('big and hostile inputs fail with a message, not a crash', () => {
  it('--hidden 100000,100000 names the flag and exits 2; --allow-large is the way past the limit', () => {
    const r = gradlab('train', '--dataset', 'v.csv', '--hidden', '100000,100000');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "gradlab train: --hidden 100000,100000: the model (…→100000→100000→…) would have at least 10,000,400,001 parameters, more than the 5,000,000 gradlab trains without --allow-large (it needs about 305,188 MiB)\nRun 'gradlab train --help' for usage.\n",
    );
    const allowed = gradlab('train', '--dataset', 'v.csv', '--hidden', '100000,100000', '--allow-large');
    expect(allowed.status).toBe(2);
    expect(allowed.stderr).toMatch(
      /^gradlab train: --hidden 100000,100000: cannot allocate a model of 10,000,600,002 parameters \(Invalid typed array length/,
    );
  });

  it('surface --steps above its limit and --dataset /dev/zero are refused at once', () => {
    const steps = gradlab('surface', '--function', 'bowl', '--steps', '100000000');
    expect(steps.status).toBe(2);
    expect(steps.stderr).toContain(
      'gradlab surface: --steps: at most 100,000 steps per run (each run keeps its whole path in memory), got 100000000',
    );
    const zero = gradlab('train', '--dataset', '/dev/zero');
    expect(zero.status).toBe(1);
    expect(zero.stderr).toBe(
      'gradlab train: /dev/zero: is a character device, not a regular file; gradlab reads data only from regular files\n',
    );
  });
});
