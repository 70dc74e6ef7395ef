/**
 * Taking a trained model out of gradlab: train an MLP on the 8×8 digits, export it to ONNX with the
 * standardisation folded in (so it takes raw 0–16 pixels), run the file with ONNX Runtime, and
 * print both engines' predictions side by side. The same file runs in Python with onnxruntime.
 *
 *     npx tsx examples/onnx-export.ts [--out DIR] [--seed N] [--quick]
 */
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { StandardScaler, trainTestSplit } from '../src/data/index.ts';
import { loadDataset } from '../src/node/bundled.ts';
import { MLP } from '../src/nn/index.ts';
import { toOnnx, type OnnxElementType } from '../src/onnx/index.ts';
import { saveOnnx } from '../src/node/onnx.ts';
import { fit, predictProba } from '../src/train/index.ts';
import { type ExampleCli, type ExampleOptions, elapsed, runExample, isMain } from './lib/cli.ts';

export interface OnnxExportOptions extends ExampleOptions {
  seed?: number;
  /** Folder for digits-mlp.onnx; default 'out', and in a quick run nothing is written unless given. */
  out?: string;
}

export interface OnnxExportResult {
  /** File size per element type. */
  bytes: Record<OnnxElementType, number>;
  /** Largest |ONNX Runtime − gradlab| over all test probabilities, per element type. */
  maxDifference: Record<OnnxElementType, number>;
  /** Test rows where both engines predict the same digit, per element type. */
  agree: Record<OnnxElementType, number>;
  rows: number;
  file: string | null;
}

const argmax = (row: ArrayLike<number>): number => Array.prototype.indexOf.call(row, Math.max(...Array.from(row)));

export async function main(options: OnnxExportOptions = {}): Promise<OnnxExportResult> {
  const log = options.log ?? console.log;
  const start = performance.now();
  const seed = options.seed ?? 0;
  const data = loadDataset('digits');
  const { train, test } = trainTestSplit(data, { testSize: 0.2, seed, stratify: true });
  const scaler = new StandardScaler().fit(train.features);
  const model = new MLP([64, 64, 10], { activation: 'relu', seed });
  const epochs = options.quick ? 3 : 15;
  fit(model, { ...train, features: scaler.transform(train.features) }, { optimizer: 'adam', lr: 0.003, epochs, seed, quiet: true });
  log(`trained MLP 64 → 64 (ReLU) → 10 on ${train.features.shape[0] ?? 0} digits for ${epochs} epochs (Adam)`);

  // gradlab's side: standardise, forward, softmax.
  const ours = predictProba(model, scaler.transform(test.features)).data;
  const n = test.features.shape[0]!;
  const names = { scaler, classNames: data.classNames, featureNames: data.featureNames };
  const result: OnnxExportResult = {
    bytes: { float64: 0, float32: 0 },
    maxDifference: { float64: 0, float32: 0 },
    agree: { float64: 0, float32: 0 },
    rows: n,
    file: null,
  };
  let theirs64: Float64Array | null = null;
  for (const elementType of ['float64', 'float32'] as const) {
    const bytes = toOnnx(model, { ...names, elementType });
    result.bytes[elementType] = bytes.length;
    if (elementType === 'float64' && (options.out !== undefined || !options.quick)) {
      result.file = join(options.out ?? 'out', 'digits-mlp.onnx');
      saveOnnx(result.file, bytes);
    }
    // ONNX Runtime's side: raw pixels in, probabilities out.
    const session = await ort.InferenceSession.create(bytes);
    const input = elementType === 'float64' ? Float64Array.from(test.features.data) : Float32Array.from(test.features.data);
    const out = await session.run({ features: new ort.Tensor(elementType, input, [n, 64]) });
    await session.release();
    const theirs = Float64Array.from(out.probabilities!.data as Float64Array | Float32Array);
    for (let i = 0; i < n; i++) {
      const a = ours.subarray(i * 10, i * 10 + 10);
      const b = theirs.subarray(i * 10, i * 10 + 10);
      if (argmax(a) === argmax(b)) result.agree[elementType]++;
      for (let k = 0; k < 10; k++) result.maxDifference[elementType] = Math.max(result.maxDifference[elementType], Math.abs(a[k]! - b[k]!));
    }
    if (elementType === 'float64') theirs64 = theirs;
  }
  log(
    `exported: ${result.bytes.float64} bytes as float64, ${result.bytes.float32} as float32${result.file ? ` (wrote ${result.file})` : ''}`,
  );
  log('');
  log(`row  true  ${'gradlab (p)'.padEnd(20)}ONNX Runtime (p)`);
  for (let i = 0; i < 5; i++) {
    const a = ours.subarray(i * 10, i * 10 + 10);
    const b = theirs64!.subarray(i * 10, i * 10 + 10);
    const [pa, pb] = [argmax(a), argmax(b)];
    log(
      `${String(i).padStart(3)}  ${data.classNames[test.labels[i]!]!.padStart(4)}  ${`${data.classNames[pa] ?? pa} (${a[pa]!.toFixed(12)})`.padEnd(20)}${data.classNames[pb] ?? pb} (${b[pb]!.toFixed(12)})`,
    );
  }
  log('');
  for (const t of ['float64', 'float32'] as const) {
    log(
      `${t}: same digit on ${result.agree[t]} of ${n} test rows; largest probability difference ${result.maxDifference[t].toExponential(2)}`,
    );
  }
  log(`Done in ${elapsed(start)}.`);
  return result;
}

export const cli: ExampleCli = {
  name: 'onnx-export',
  summary: 'Export a digits MLP to ONNX and compare ONNX Runtime with gradlab, row by row.',
  flags: ['quick', 'out', 'seed'],
};

if (isMain(import.meta.url)) await runExample(cli, main);
