import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTemps, writeFileAtomic } from '../../src/node/atomic-write.ts';
import { checkOutputPath, writeOutputFile } from '../../src/node/safe-write.ts';
import { isGradlabFile, markPng, markSvg, crc32 } from '../../src/util/file-kind.ts';

const root = mkdtempSync(join(tmpdir(), 'gradlab-safe-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  return dir;
};
const MODEL = '{"format":"gradlab-model","version":1,"parameters":{}}';

describe('writeFileAtomic', () => {
  it('writes through a symlink to its target; the link keeps pointing where it did', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'real.json'), MODEL);
    symlinkSync('real.json', join(dir, 'link.json'));
    writeFileAtomic(join(dir, 'link.json'), 'new');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('real.json');
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
  });

  it('a dangling symlink creates its target', () => {
    const dir = fresh();
    symlinkSync('sub/target.json', join(dir, 'link.json'));
    writeFileAtomic(join(dir, 'link.json'), 'x');
    expect(readFileSync(join(dir, 'sub', 'target.json'), 'utf8')).toBe('x');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
  });

  it('refuses a directory, a device and a named pipe, naming the path and why', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'folder'));
    expect(() => writeFileAtomic(join(dir, 'folder'), 'x')).toThrow(
      `${join(dir, 'folder')}: is a directory, not a regular file (nothing was written)`,
    );
    expect(() => writeFileAtomic('/dev/null', 'x')).toThrow('/dev/null: is a character device, not a regular file (nothing was written)');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect(() => writeFileAtomic(join(dir, 'pipe'), 'x')).toThrow(
      `${join(dir, 'pipe')}: is a named pipe (FIFO), not a regular file (nothing was written)`,
    );
    expect(statSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it('refuses a read-only file (even as root) and keeps the permissions of a file it replaces', () => {
    const dir = fresh();
    const ro = join(dir, 'ro.json');
    writeFileSync(ro, MODEL);
    chmodSync(ro, 0o444);
    expect(() => writeFileAtomic(ro, 'x')).toThrow(`${ro}: is read-only; make it writable or choose another path (nothing was written)`);
    expect(readFileSync(ro, 'utf8')).toBe(MODEL);
    const private_ = join(dir, 'private.json');
    writeFileSync(private_, MODEL);
    chmodSync(private_, 0o600);
    writeFileAtomic(private_, 'y');
    expect(statSync(private_).mode & 0o777).toBe(0o600);
    const shared = join(dir, 'shared.json');
    writeFileSync(shared, MODEL);
    chmodSync(shared, 0o664);
    writeFileAtomic(shared, 'z');
    expect(statSync(shared).mode & 0o777).toBe(0o664);
  });

  it('removes stale temporary files of dead writers to the same path, and only those', () => {
    const dir = fresh();
    const path = join(dir, 'm.json');
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    const stale = [`.m.json.gradlab-tmp-${dead}-abc123`, `.m.json.${dead}.1700000000000.tmp`];
    const kept = [`.m.json.gradlab-tmp-${process.ppid}-abc123`, `.other.json.gradlab-tmp-${dead}-abc123`, 'notes.txt'];
    for (const name of [...stale, ...kept]) writeFileSync(join(dir, name), 'partial');
    writeFileAtomic(path, 'done');
    expect(readdirSync(dir).sort()).toEqual([...kept, 'm.json'].sort());
    expect(removeStaleTemps(path)).toEqual([]);
  });
});

describe('checkOutputPath / writeOutputFile', () => {
  it('replaces only files gradlab wrote, unless forced', () => {
    const dir = fresh();
    const notes = join(dir, 'notes.json');
    writeFileSync(notes, '{"mine": true}');
    expect(() => writeOutputFile(notes, MODEL)).toThrow(
      `${notes}: exists and is not a file gradlab wrote (a model, checkpoint or picture); choose another path, or pass { force: true } to replace it (nothing was written)`,
    );
    expect(readFileSync(notes, 'utf8')).toBe('{"mine": true}');
    writeOutputFile(notes, MODEL, { force: true });
    writeOutputFile(notes, `${MODEL} `); // now it is ours
    expect(readFileSync(notes, 'utf8')).toBe(`${MODEL} `);
  });

  it('never the input data, even with force; messages use the flag and the typed path', () => {
    const dir = fresh();
    const data = join(dir, 'v.csv');
    writeFileSync(data, 'a,b\n1,x\n');
    symlinkSync('v.csv', join(dir, 'alias.csv'));
    expect(() => checkOutputPath(data, { inputs: [data], force: true, option: '--save', shownAs: 'v.csv' })).toThrow(
      `--save v.csv: is the input data (${data}); writing there would destroy it (nothing was written)`,
    );
    expect(() => checkOutputPath(join(dir, 'alias.csv'), { inputs: [data], force: true })).toThrow('is the input data');
  });

  it('recognises gradlab models, checkpoints, step logs, marked pictures and graphs, and nothing else', () => {
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(isGradlabFile(bytes(MODEL))).toBe(true);
    expect(isGradlabFile(bytes(' {\n "format" : "gradlab-checkpoint", "version": 1}'))).toBe(true);
    expect(isGradlabFile(bytes('{"format":"other"}'))).toBe(false);
    expect(isGradlabFile(bytes('a,b\n1,2\n'))).toBe(false);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>';
    expect(isGradlabFile(bytes(svg))).toBe(false);
    expect(markSvg(svg)).toBe('<svg xmlns="http://www.w3.org/2000/svg"><!-- gradlab picture --><rect/></svg>');
    expect(isGradlabFile(bytes(markSvg(svg)))).toBe(true);
    expect(isGradlabFile(bytes('// gradlab graph\ndigraph g { a -> b; }\n'))).toBe(true);
    expect(isGradlabFile(bytes('digraph g { a -> b; }\n// gradlab graph\n'))).toBe(false);
  });

  it('marks a PNG with a valid tEXt chunk after IHDR', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // the CRC-32 check value
    const ihdr = [0, 0, 0, 13, ...'IHDR'.split('').map((c) => c.charCodeAt(0)), 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 1, 2, 3, 4];
    const iend = [0, 0, 0, 0, 73, 69, 78, 68, 0xae, 0x42, 0x60, 0x82];
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...ihdr, ...iend]);
    expect(isGradlabFile(png)).toBe(false);
    const marked = markPng(png);
    expect(isGradlabFile(marked)).toBe(true);
    const at = 8 + ihdr.length;
    const view = new DataView(marked.buffer);
    const length = view.getUint32(at);
    expect(length).toBe('Software\0gradlab'.length);
    expect(new TextDecoder().decode(marked.subarray(at + 4, at + 8 + length))).toBe('tEXtSoftware\0gradlab');
    expect(view.getUint32(at + 8 + length)).toBe(crc32(marked.subarray(at + 4, at + 8 + length)));
    expect(Array.from(marked.subarray(marked.length - 12))).toEqual(iend);
  });
});
