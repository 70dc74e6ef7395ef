import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveModel } from '../../src/node/model-files.ts';
import { checkOutputPath } from '../../src/node/safe-write.ts';
import { NAME_MAX, TEMP_EXTRA } from '../../src/node/write-target.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { fit } from '../../src/train/fit.ts';
import { makeMoons } from '../../src/data/generated.ts';

const root = mkdtempSync(join(tmpdir(), 'gradlab-write-target-'));
afterAll(() => {
  chmodSync(join(root, 'locked'), 0o755);
  rmSync(root, { recursive: true, force: true });
});
const locked = join(root, 'locked');
mkdirSync(locked);
writeFileSync(join(locked, 'old.json'), '{"format":"gradlab-model","version":1,"parameters":{}}');
chmodSync(locked, 0o555);
const blocker = join(root, 'notes.txt');
writeFileSync(blocker, 'a file, not a folder');

describe('everything a write needs is checked before anything is written', () => {
  it('a read-only folder (a new file and a replaced one), a path below a regular file, a too-long name', () => {
    expect(() => checkOutputPath(join(locked, 'new.json'))).toThrow(
      `${join(locked, 'new.json')}: its folder ${locked} is read-only; make it writable or choose another path (nothing was written)`,
    );
    expect(() => checkOutputPath(join(locked, 'old.json'))).toThrow(`its folder ${locked} is read-only`);
    expect(() => checkOutputPath(join(blocker, 'sub', 'm.json'), { option: '--save', shownAs: 'notes.txt/sub/m.json' })).toThrow(
      `--save notes.txt/sub/m.json: cannot be created: ${blocker} is a file, not a folder (nothing was written)`,
    );
    const longest = 'm'.repeat(NAME_MAX - TEMP_EXTRA - 5) + '.json';
    expect(checkOutputPath(join(root, 'fresh', longest))).toBe(join(root, 'fresh', longest)); // a folder still to be made is fine
    expect(() => checkOutputPath(join(root, `m${longest}`))).toThrow(
      `the file name is ${NAME_MAX - TEMP_EXTRA + 1} bytes long; it is written through a temporary file whose name is up to ${TEMP_EXTRA} bytes longer, and a name may have at most ${NAME_MAX} bytes; use a name of at most ${NAME_MAX - TEMP_EXTRA} bytes (nothing was written)`,
    );
    // Bytes, not characters: 113 two-byte letters are 226 bytes.
    expect(() => checkOutputPath(join(root, `${'é'.repeat(113)}.json`))).toThrow('the file name is 231 bytes long');
  });

  it('the name limit is the real one: the longest name allowed is written, through its temporary file', () => {
    const longest = join(root, 'm'.repeat(NAME_MAX - TEMP_EXTRA - 5) + '.json');
    saveModel(longest, new MLP([2, 2]));
    expect(readdirSync(root)).toContain(longest.slice(root.length + 1));
  });

  it('fit refuses a checkpoint in a read-only folder before the first step', () => {
    let steps = 0;
    const run = () =>
      fit(new MLP([2, 3, 2]), makeMoons(20), {
        epochs: 2,
        quiet: true,
        checkpoint: join(locked, 'run.json'),
        callbacks: {
          onStepEnd: () => {
            steps++;
          },
        },
      });
    expect(run).toThrow(`its folder ${locked} is read-only`);
    expect(steps).toBe(0);
  });
});
