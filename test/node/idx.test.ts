import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { IdxError, loadIdx, loadMnistTest, parseIdx } from '../../src/node/idx.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const mnistDir = resolve(repoRoot, '../shared/mnist');
const haveMnist = existsSync(join(mnistDir, 't10k-images-idx3-ubyte.gz')) && existsSync(join(mnistDir, 't10k-labels-idx1-ubyte.gz'));
if (!haveMnist) console.log(`idx.test.ts: MNIST not found at ${mnistDir}; skipping the MNIST tests (the tiny IDX tests still run)`);

/** An IDX file: big-endian magic and dims, then the bytes. */
function idx(magic: number, dims: number[], values: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(values)]);
}

const dir = mkdtempSync(join(tmpdir(), 'gradlab-idx-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const write = (name: string, bytes: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
// Three 2×3 images; each holds the pixel values 0, 51, 102, 153, 204, 255 (0, 0.2, …, 1 once scaled).
const pixels = Array.from({ length: 18 }, (_, k) => (k % 6) * 51);
const imagesGz = write('images.gz', gzipSync(idx(2051, [3, 2, 3], pixels)));
const labelsGz = write('labels.gz', gzipSync(idx(2049, [3], [7, 0, 9])));

describe('loadIdx on a tiny IDX pair', () => {
  it('reads gzip IDX files into [N, rows·cols] features in [0, 1] with pixel names', () => {
    const ds = loadIdx(imagesGz, labelsGz);
    expect(ds.features.shape).toEqual([3, 6]);
    expect(Array.from(ds.features.data.subarray(0, 6))).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(Array.from(ds.labels)).toEqual([7, 0, 9]);
    expect(ds.featureNames).toEqual(['pixel_0_0', 'pixel_0_1', 'pixel_0_2', 'pixel_1_0', 'pixel_1_1', 'pixel_1_2']);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(ds.task).toBe('classification');
  });

  it('reads uncompressed files too, and honours limit', () => {
    const images = write('images.raw', idx(2051, [3, 2, 3], pixels));
    const labels = write('labels.raw', idx(2049, [3], [7, 0, 9]));
    const ds = loadIdx(images, labels, { limit: 2 });
    expect(ds.features.shape).toEqual([2, 6]);
    expect(Array.from(ds.labels)).toEqual([7, 0]);
    expect(() => loadIdx(images, labels, { limit: 0 })).toThrow('loadIdx: limit must be a positive integer, got 0');
  });

  it('names the file on bad magic, truncation, corrupt gzip, count mismatch and missing files', () => {
    const expectIdxError = (fn: () => unknown, message: string, file: string): void => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(IdxError);
        expect((err as IdxError).message).toBe(message);
        expect((err as IdxError).file).toBe(file);
        return;
      }
      throw new Error('expected an IdxError');
    };
    expectIdxError(() => loadIdx(labelsGz, labelsGz), `${labelsGz}: bad magic number 2049 (0x00000801), expected 2051`, labelsGz);
    const short = write('short.gz', gzipSync(idx(2051, [3, 2, 3], pixels.slice(0, 10))));
    expectIdxError(
      () => loadIdx(short, labelsGz),
      `${short}: truncated IDX file: dims [3, 2, 3] need 18 data bytes, the file has 10`,
      short,
    );
    const header = write('header.raw', idx(2051, [3], []));
    expectIdxError(() => loadIdx(header, labelsGz), `${header}: truncated IDX file: the header needs 16 bytes, the file has 8`, header);
    const tiny = write('tiny.raw', Buffer.from([0, 0]));
    expectIdxError(() => loadIdx(tiny, labelsGz), `${tiny}: truncated IDX file: 2 bytes, too short for the 4-byte header`, tiny);
    const cut = write('cut.gz', gzipSync(idx(2051, [3, 2, 3], pixels)).subarray(0, 20));
    expect(() => loadIdx(cut, labelsGz)).toThrow(`${cut}: corrupt or truncated gzip data`);
    const twoLabels = write('two.gz', gzipSync(idx(2049, [2], [1, 2])));
    expectIdxError(() => loadIdx(imagesGz, twoLabels), `${twoLabels}: has 2 labels but ${imagesGz} has 3 images`, twoLabels);
    const missing = join(dir, 'missing.gz');
    expectIdxError(() => loadIdx(missing, labelsGz), `${missing}: file not found`, missing);
  });

  it('parseIdx decodes any unsigned-byte IDX array', () => {
    const arr = parseIdx(idx(0x0802, [2, 2], [1, 2, 3, 4]), 'm.idx');
    expect(arr.dims).toEqual([2, 2]);
    expect(Array.from(arr.data)).toEqual([1, 2, 3, 4]);
    expect(() => parseIdx(idx(0x0d01, [1], [0, 0, 0, 0]), 'f.idx')).toThrow(
      'f.idx: bad magic number 3329 (0x00000d01); expected unsigned-byte IDX data (0x000008NN)',
    );
  });
});

describe.skipIf(!haveMnist)('MNIST test split (../shared/mnist)', () => {
  it('loads 10,000 28×28 digits with the published first labels', () => {
    const ds = loadIdx(join(mnistDir, 't10k-images-idx3-ubyte.gz'), join(mnistDir, 't10k-labels-idx1-ubyte.gz'));
    expect(ds.features.shape).toEqual([10000, 784]);
    expect(Array.from(ds.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of ds.features.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect([min, max]).toEqual([0, 1]);
    const counts = new Array<number>(10).fill(0);
    for (const l of ds.labels) counts[l] = (counts[l] ?? 0) + 1;
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(ds.featureNames[783]).toBe('pixel_27_27');
  });

  it('loadMnistTest finds ../shared/mnist by default and honours limit', () => {
    const ds = loadMnistTest(undefined, { limit: 100 });
    expect(ds.features.shape).toEqual([100, 784]);
    expect(ds.labels[0]).toBe(7);
  });
});
