import { fileURLToPath } from 'node:url';
import { loadCsv } from './csv.ts';
import type { Dataset } from '../data/dataset.ts';

export type BundledDatasetName = 'iris' | 'wine' | 'breast-cancer' | 'digits';

export interface DatasetInfo {
  name: BundledDatasetName;
  rows: number;
  features: number;
  classes: number;
  description: string;
  /** Where it comes from, for attribution (all: UCI Machine Learning Repository, CC BY 4.0). */
  source: string;
}

const INFO: readonly DatasetInfo[] = [
  {
    name: 'iris',
    rows: 150,
    features: 4,
    classes: 3,
    description: 'Iris flowers: sepal and petal length and width (cm) → species (setosa, versicolor, virginica)',
    source: 'R. A. Fisher (1936), UCI Machine Learning Repository, CC BY 4.0',
  },
  {
    name: 'wine',
    rows: 178,
    features: 13,
    classes: 3,
    description: 'Chemical analysis of Italian wines (alcohol, phenols, proline, …) → cultivar 0, 1, 2',
    source: 'Forina et al., UCI Machine Learning Repository, CC BY 4.0',
  },
  {
    name: 'breast-cancer',
    rows: 569,
    features: 30,
    classes: 2,
    description: 'Breast Cancer Wisconsin (Diagnostic): 30 cell-nucleus measurements → malignant / benign',
    source: 'Wolberg, Street, Mangasarian (1995), UCI Machine Learning Repository, CC BY 4.0',
  },
  {
    name: 'digits',
    rows: 1797,
    features: 64,
    classes: 10,
    description: 'Handwritten digits as 8×8 images of pixel counts 0–16 → digit 0–9 (UCI optdigits test split)',
    source: 'Alpaydin, Kaynak (1998), UCI Machine Learning Repository, CC BY 4.0',
  },
];

/** The bundled datasets with their size and a one-line description (for a `datasets` command). */
export function listDatasets(): DatasetInfo[] {
  return INFO.map((info) => ({ ...info }));
}

/** Absolute path of a bundled dataset's CSV file (found relative to this module, so any cwd works). */
export function datasetPath(name: BundledDatasetName): string {
  return fileURLToPath(new URL(`../../datasets/${name}.csv`, import.meta.url));
}

/** Loads a bundled dataset (label: the last column; features as stored, not standardised). */
export function loadDataset(name: BundledDatasetName): Dataset {
  if (!INFO.some((info) => info.name === name)) {
    throw new RangeError(`loadDataset: unknown dataset "${String(name)}"; available: ${INFO.map((i) => i.name).join(', ')}`);
  }
  return { ...loadCsv(datasetPath(name)), name };
}
