import type { Dataset } from '../../data/dataset.ts';
import type { StandardScalerState } from '../../data/scaler.ts';
import type { DataFingerprint } from '../../data/fingerprint.ts';

/** The parts of a saved model's metadata that `evaluate` relies on. */
export interface EvaluationMetadata {
  featureNames: string[];
  classNames: string[];
  labelColumn: string | undefined;
  scaler: StandardScalerState;
  dataset: { kind: string; name: string; fingerprint?: DataFingerprint } | undefined;
  split: { seed: number };
  results: { testAccuracy: number } | undefined;
  /** Fingerprints of the rows the model was trained on (absent in models saved before they were recorded). */
  trainingRows: { count: number; hashes: string } | undefined;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** A model's inputs and the classes it scores (a binary logistic model has one output column for two classes). */
export interface ModelWidths {
  features: number;
  classes: number;
}

/**
 * Checks the metadata written by `gradlab train --save` against the model it came with: a model saved
 * without it cannot be matched to columns, and names that do not fit the model's inputs and outputs
 * (a short list, a repeated name) would put a probability under the wrong class.
 */
export function checkMetadata(metadata: Record<string, unknown>, file: string, widths: ModelWidths): EvaluationMetadata {
  const { featureNames, classNames, labelColumn, scaler, dataset, split, results, trainingRows } = metadata;
  if (!isStrings(featureNames) || !isStrings(classNames)) {
    throw new Error(
      `${file}: the model's metadata has no featureNames and classNames (was it saved by \`gradlab train --save\`?); without them its inputs cannot be matched to a dataset's columns`,
    );
  }
  for (const [key, names, count, what] of [
    ['featureNames', featureNames, widths.features, 'inputs'],
    ['classNames', classNames, widths.classes, 'classes'],
  ] as const) {
    if (names.length !== count)
      throw new Error(
        `${file}: the model's metadata lists ${names.length} ${key} but the model has ${count} ${what}; the file is inconsistent`,
      );
    const twice = names.findIndex((name, i) => names.indexOf(name) !== i);
    if (twice >= 0)
      throw new Error(
        `${file}: the model's metadata names ${key === 'classNames' ? 'class' : 'feature'} "${names[twice]!}" twice (positions ${names.indexOf(names[twice]!) + 1} and ${twice + 1}); each needs its own name`,
      );
  }
  const problem = scalerProblem(scaler, featureNames.length);
  if (problem)
    throw new Error(
      `${file}: the model's metadata ${problem}; it was trained on standardised features, and without the same scaler its predictions would be wrong`,
    );
  const seed = (split as { seed?: unknown } | undefined)?.seed;
  const accuracy = (results as { testAccuracy?: unknown } | undefined)?.testAccuracy;
  return {
    featureNames,
    classNames,
    labelColumn: typeof labelColumn === 'string' ? labelColumn : undefined,
    scaler: scaler as StandardScalerState,
    dataset: dataset && typeof dataset === 'object' ? (dataset as { kind: string; name: string }) : undefined,
    split: { seed: typeof seed === 'number' ? seed : 0 },
    results: typeof accuracy === 'number' ? { testAccuracy: accuracy } : undefined,
    trainingRows: rowHashes(trainingRows),
  };
}

/** The recorded training-row fingerprints, or undefined when absent or malformed (then seen rows cannot be told). */
function rowHashes(v: unknown): { count: number; hashes: string } | undefined {
  const r = v as { count?: unknown; hashes?: unknown } | undefined;
  if (!r || typeof r.count !== 'number' || typeof r.hashes !== 'string' || !/^[0-9a-f]*$/.test(r.hashes)) return undefined;
  return { count: r.count, hashes: r.hashes };
}

/**
 * Where each of the model's features sits among the dataset's columns: null when they are the same
 * columns in the same order, else the reordering. Missing or extra columns are an error listing them.
 */
export function matchFeatures(expected: readonly string[], data: Dataset, file: string): number[] | null {
  const actual = data.featureNames;
  if (actual.length === expected.length && actual.every((name, i) => name === expected[i])) return null;
  const missing = expected.filter((name) => !actual.includes(name));
  const extra = actual.filter((name) => !expected.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.join(', ')}` : '',
      extra.length > 0 ? `not in the model: ${extra.join(', ')}` : '',
    ].filter(Boolean);
    throw new Error(
      `${data.name!}: its features do not match the model's (${file} expects ${expected.length}: ${expected.join(', ')}; the dataset has ${actual.length}): ${parts.join('; ')}`,
    );
  }
  return expected.map((name) => actual.indexOf(name));
}

/** The dataset's labels renumbered to the model's class order; a class the model never saw is an error. */
export function remapClasses(data: Dataset, classNames: readonly string[], file: string): Int32Array {
  const unknown = data.classNames.filter((name) => !classNames.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `${data.name!}: class ${unknown.map((c) => `"${c}"`).join(', ')} in column "${data.labelName}" is not one the model in ${file} knows (${classNames.join(', ')})`,
    );
  }
  const index = data.classNames.map((name) => classNames.indexOf(name));
  return Int32Array.from(data.labels, (label) => index[label]!);
}

/** What is wrong with a saved scaler (missing, wrong length, non-finite or non-positive scale), or null. */
export function scalerProblem(scaler: unknown, features: number): string | null {
  if (scaler === undefined || scaler === null) return 'has no "scaler"';
  const { mean, scale } = scaler as { mean?: unknown; scale?: unknown };
  for (const [name, v] of [
    ['mean', mean],
    ['scale', scale],
  ] as const) {
    if (!Array.isArray(v) || v.length !== features)
      return `"scaler.${name}" must list ${features} numbers (one per feature), got ${Array.isArray(v) ? v.length : JSON.stringify(v)}`;
    const bad = v.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x) || (name === 'scale' && x <= 0));
    if (bad >= 0) return `"scaler.${name}[${bad}]" is ${JSON.stringify(v[bad])}, not a ${name === 'scale' ? 'positive ' : ''}finite number`;
  }
  return null;
}
