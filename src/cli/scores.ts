import type { StandardScalerState } from '../data/scaler.ts';
import type { Module } from '../nn/module.ts';
import type { Tensor } from '../tensor/tensor.ts';
import { predictLogits } from '../train/evaluate.ts';

const SHOWN = 3;

/**
 * Refuses rows the model cannot score, naming them (`rowName(i)`, e.g. "new.csv line 7") and why: a
 * feature the saved scaler turns into ±Infinity (a value of 1e308, a scale of 1e-320), or scores that
 * overflow (a value far outside the training range). Their probabilities would be NaN, and the
 * "predicted" class merely the first one. `raw` and `scaled` are the rows before and after the scaler.
 */
export function checkScorable(
  model: Module,
  raw: Tensor,
  scaled: Tensor,
  scaler: StandardScalerState,
  featureNames: readonly string[],
  rowName: (row: number) => string,
): void {
  const logits = predictLogits(model, scaled);
  const [n, f] = [scaled.shape[0]!, scaled.shape[1]!];
  const k = logits.size / n;
  const bad: string[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const row = scaled.data.subarray(i * f, (i + 1) * f);
    const scores = logits.data.subarray(i * k, (i + 1) * k);
    const j = row.findIndex((v) => !Number.isFinite(v));
    if (j < 0 && scores.every((v) => Number.isFinite(v))) continue;
    if (++count > SHOWN) continue;
    if (j >= 0) {
      bad.push(
        `${rowName(i)}: feature "${featureNames[j]!}" = ${raw.data[i * f + j]!} becomes ${row[j]!} after the model's scaler (mean ${scaler.mean[j]!}, scale ${scaler.scale[j]!})`,
      );
      continue;
    }
    let far = 0;
    row.forEach((v, c) => (Math.abs(v) > Math.abs(row[far]!) ? (far = c) : 0));
    bad.push(
      `${rowName(i)}: the model's scores come out ${Array.from(scores).find((v) => !Number.isFinite(v))!}; feature "${featureNames[far]!}" = ${raw.data[i * f + far]!} is ${row[far]!.toPrecision(3)} standard deviations from its training mean`,
    );
  }
  if (count === 0) return;
  const more = count > SHOWN ? `\n  … ${count - SHOWN} more` : '';
  throw new Error(
    `the model cannot score ${count === 1 ? '1 row' : `${count} rows`} (the probabilities would be NaN and the predicted class meaningless):\n  ${bad.join('\n  ')}${more}`,
  );
}
