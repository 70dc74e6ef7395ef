import { utf8Encode } from '../util/utf8.ts';
import type { Dataset } from './dataset.ts';

/** What identifies a dataset's contents: its row count and a hash of its values, labels and order. */
export interface DataFingerprint {
  rows: number;
  /** 53-bit cyrb53 hash (hex) of the features' float64 bytes, the class names and each row's class. */
  hash: string;
}

/**
 * cyrb53 (a public-domain 53-bit string hash) over bytes, continued from (h1, h2): two 32-bit
 * multiply-xorshift lanes mixed at the end. Not cryptographic: it tells changed data from the
 * data a model was trained on, where adding, removing or reordering a row changes it.
 */
function mix(bytes: Uint8Array, state: [number, number]): void {
  let [h1, h2] = state;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  state[0] = h1;
  state[1] = h2;
}

function finish([h1, h2]: [number, number]): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The fingerprint of a dataset as parsed (so spacing or number spelling in the file does not matter, row order does). */
export function datasetFingerprint(data: Dataset): DataFingerprint {
  const state: [number, number] = [0xdeadbeef, 0x41c6ce57];
  const f = data.features.data;
  mix(new Uint8Array(f.buffer, f.byteOffset, f.byteLength), state);
  mix(utf8Encode(JSON.stringify([data.featureNames, data.labelName, data.classNames])), state);
  const labels = data.task === 'classification' ? data.labels : (data.targets ?? new Float64Array(0));
  mix(new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength), state);
  return { rows: data.features.shape[0] ?? 0, hash: finish(state) };
}

/** Whether two fingerprints name the same data; a description of how they differ otherwise. */
export function compareFingerprints(then: DataFingerprint, now: DataFingerprint): { same: true } | { same: false; how: string } {
  if (then.rows === now.rows && then.hash === now.hash) return { same: true };
  const how =
    then.rows === now.rows
      ? `the same ${now.rows} rows count but different values, labels or row order`
      : `${then.rows} rows at training, ${now.rows} now`;
  return { same: false, how };
}

/** Hex digits of one row's fingerprint (53 bits). */
export const ROW_HASH_LENGTH = 14;

/**
 * One fingerprint per row, from the row's feature values (as float64, in the order `columns` gives,
 * default the dataset's own) and its class name: the same row has the same fingerprint in any file, at
 * any position, with its columns in any order. Returned as one string of ROW_HASH_LENGTH hex digits a row.
 */
export function rowFingerprints(data: Dataset, columns?: readonly number[]): string {
  const f = data.featureNames.length;
  const order = columns ?? Array.from({ length: f }, (_, j) => j);
  const n = data.features.shape[0] ?? 0;
  const x = data.features.data;
  const row = new Float64Array(order.length);
  const bytes = new Uint8Array(row.buffer);
  const names = data.classNames.map((c) => utf8Encode(c));
  let out = '';
  for (let i = 0; i < n; i++) {
    order.forEach((c, j) => (row[j] = x[i * f + c]!));
    const state: [number, number] = [0xdeadbeef, 0x41c6ce57];
    mix(bytes, state);
    if (data.task === 'classification') mix(names[data.labels[i]!]!, state);
    out += finish(state);
  }
  return out;
}

/** Splits a string of row fingerprints (rowFingerprints) into a set. */
export function rowFingerprintSet(hashes: string): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + ROW_HASH_LENGTH <= hashes.length; i += ROW_HASH_LENGTH) set.add(hashes.slice(i, i + ROW_HASH_LENGTH));
  return set;
}
