import type { Dataset } from '../data/dataset.ts';
import { datasetSize } from '../data/dataset.ts';
import type { Evaluation } from '../train/evaluate.ts';
import type { PreparedData } from './data.ts';

/** The dataset summary that goes into --json documents. */
export function datasetSummary(d: Dataset, prepared: PreparedData): Record<string, unknown> {
  return {
    name: d.name,
    rows: datasetSize(d),
    features: d.featureNames.length,
    classes: d.classNames.length,
    label: d.labelName,
    classNames: d.classNames,
    trainRows: datasetSize(prepared.train),
    testRows: datasetSize(prepared.test),
  };
}

/** Per-class metrics keyed by class name, for --json. */
export function evaluationSummary(e: Evaluation): Record<string, unknown> {
  return {
    loss: e.loss,
    accuracy: e.accuracy,
    confusion: e.confusion,
    classNames: e.classNames,
    perClass: e.perClass.map((m, k) => ({ class: e.classNames[k] ?? String(k), ...m })),
    macro: e.macro,
    weighted: e.weighted,
  };
}
