import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Tensor } from '../tensor/index.ts';
import type { Dataset } from '../data/dataset.ts';
import { readRegularFile } from './regular-file.ts';

/** An IDX file that cannot be read (`file` names it). */
export class IdxError extends Error {
  override readonly name = 'IdxError';
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}

/** A decoded IDX array of unsigned bytes: dims from the header (big-endian), values row-major. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const IMAGES_MAGIC = 2051; // 0x00000803: unsigned bytes, 3 dims (count, rows, cols)
const LABELS_MAGIC = 2049; // 0x00000801: unsigned bytes, 1 dim (count)

/**
 * Parses an IDX file (the MNIST format), gzipped or not: a 4-byte big-endian magic number whose low
 * byte is the number of dimensions and whose third byte is 0x08 (unsigned bytes), then one big-endian
 * uint32 per dimension, then the values.
 */
export function parseIdx(bytes: Uint8Array, file: string, expectedMagic?: number): IdxArray {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzip(bytes, file) : bytes;
  if (raw.length < 4) throw new IdxError(`${file}: truncated IDX file: ${raw.length} bytes, too short for the 4-byte header`, file);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const magic = view.getUint32(0);
  const ndim = magic & 0xff;
  if (expectedMagic !== undefined && magic !== expectedMagic) {
    throw new IdxError(`${file}: bad magic number ${magic} (0x${magic.toString(16).padStart(8, '0')}), expected ${expectedMagic}`, file);
  }
  if (magic >>> 8 !== 0x08 || ndim === 0) {
    throw new IdxError(
      `${file}: bad magic number ${magic} (0x${magic.toString(16).padStart(8, '0')}); expected unsigned-byte IDX data (0x000008NN)`,
      file,
    );
  }
  const headerBytes = 4 + 4 * ndim;
  if (raw.length < headerBytes)
    throw new IdxError(`${file}: truncated IDX file: the header needs ${headerBytes} bytes, the file has ${raw.length}`, file);
  const dims = Array.from({ length: ndim }, (_, d) => view.getUint32(4 + 4 * d));
  const size = dims.reduce((a, b) => a * b, 1);
  if (raw.length < headerBytes + size) {
    throw new IdxError(
      `${file}: truncated IDX file: dims [${dims.join(', ')}] need ${size} data bytes, the file has ${raw.length - headerBytes}`,
      file,
    );
  }
  return { dims, data: raw.subarray(headerBytes, headerBytes + size) };
}

export interface IdxOptions {
  /** Read only the first `limit` samples. */
  limit?: number;
}

/**
 * Loads an image/label pair of IDX files (MNIST layout: images magic 2051 with dims [N, rows, cols],
 * labels magic 2049 with dims [N]) as a dataset. Pixels are divided by 255, so features lie in [0, 1];
 * features are [N, rows·cols] named pixel_r_c; classes are '0'..'9' (more if a label exceeds 9).
 */
export function loadIdx(imagesPath: string, labelsPath: string, options: IdxOptions = {}): Dataset {
  const images = parseIdx(readBytes(imagesPath), imagesPath, IMAGES_MAGIC);
  const labels = parseIdx(readBytes(labelsPath), labelsPath, LABELS_MAGIC);
  const [count, rows, cols] = images.dims as [number, number, number];
  const labelCount = labels.dims[0]!;
  if (labelCount !== count) {
    throw new IdxError(`${labelsPath}: has ${labelCount} labels but ${imagesPath} has ${count} images`, labelsPath);
  }
  const { limit } = options;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1))
    throw new RangeError(`loadIdx: limit must be a positive integer, got ${limit}`);
  const n = Math.min(count, limit ?? count);
  const pixels = rows * cols;
  const features = new Float64Array(n * pixels);
  for (let k = 0; k < features.length; k++) features[k] = images.data[k]! / 255;
  const classes = new Int32Array(labels.data.subarray(0, n));
  let numClasses = 10;
  for (const c of classes) numClasses = Math.max(numClasses, c + 1);
  const featureNames: string[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) featureNames.push(`pixel_${r}_${c}`);
  return {
    features: new Tensor(features, [n, pixels]),
    labels: classes,
    featureNames,
    classNames: Array.from({ length: numClasses }, (_, c) => String(c)),
    labelName: 'digit',
    task: 'classification',
    name: imagesPath,
  };
}

/** Where the project expects MNIST: `../shared/mnist` next to the repository root. */
export function defaultMnistDir(): string {
  return fileURLToPath(new URL('../../../shared/mnist', import.meta.url));
}

/** The MNIST test split (10,000 digits) from the standard t10k-*-idx*-ubyte.gz files in `dir`. */
export function loadMnistTest(dir: string = defaultMnistDir(), options: IdxOptions = {}): Dataset {
  return loadIdx(join(dir, 't10k-images-idx3-ubyte.gz'), join(dir, 't10k-labels-idx1-ubyte.gz'), options);
}

function readBytes(path: string): Uint8Array {
  try {
    return readRegularFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'ENOTREG' ? (err as Error).message : `cannot be read (${code ?? String(err)})`;
    throw new IdxError(`${path}: ${why}`, path);
  }
}

function gunzip(bytes: Uint8Array, file: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw new IdxError(`${file}: corrupt or truncated gzip data (${(err as Error).message})`, file);
  }
}
