import { NUMBER, showCell } from './csv-cells.ts';

/**
 * Class labels as they arrive: each distinct text gets an id in order of first appearance, and the
 * position (record) where it first appeared, for messages.
 */
export class LabelTexts {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  readonly firstAt: number[] = [];

  id(text: string, at: number): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      this.ids.set(text, (id = this.texts.length));
      this.texts.push(text);
      this.firstAt.push(at);
    }
    return id;
  }
}

/** Two labels that differ as text but are the same number: the first-appearance ids of both. */
export type Collision = (a: number, b: number) => never;

/**
 * Final class numbers from first-appearance ids. When every label is a number, classes are numbered
 * in numeric order (as scikit-learn's LabelEncoder orders a numeric column) and each keeps the text
 * it has in the data; two texts for one number (`1` and `1.0`, `-0` and `0`, `1e-400` and `0`) go to
 * `collision` instead of being merged. Otherwise labels are text, numbered by first appearance.
 */
export function numberClasses(
  texts: readonly string[],
  ids: Int32Array,
  collision: Collision,
): { labels: Int32Array; classNames: string[] } {
  if (!texts.every((t) => NUMBER.test(t))) return { labels: ids.slice(), classNames: [...texts] };
  const values = texts.map(Number);
  const order = texts.map((_, k) => k).sort((a, b) => values[a]! - values[b]! || a - b);
  for (let r = 1; r < order.length; r++) {
    const [a, b] = [order[r - 1]!, order[r]!];
    // `===`: -0 and 0 are one number here, and two infinities (1e999, 2e999) are too.
    if (values[a] === values[b]) collision(Math.min(a, b), Math.max(a, b));
  }
  const rank = new Int32Array(texts.length);
  order.forEach((k, r) => (rank[k] = r));
  const labels = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) labels[i] = rank[ids[i]!]!;
  return { labels, classNames: order.map((k) => texts[k]!) };
}

/**
 * Class numbers for label texts: numeric order when every label is a number (each class named as
 * written; two texts for one number, such as `1` and `1.0`, are an error), else first appearance.
 */
export function encodeClasses(values: readonly string[]): { labels: Int32Array; classNames: string[] } {
  const seen = new LabelTexts();
  const ids = Int32Array.from(values, (v, i) => seen.id(v, i));
  return numberClasses(seen.texts, ids, (a, b) => {
    throw new RangeError(
      `encodeClasses: labels ${showCell(seen.texts[a]!)} (value ${seen.firstAt[a]!}) and ${showCell(seen.texts[b]!)} (value ${seen.firstAt[b]!}) are the same number; numeric labels are compared as numbers, so write each class one way`,
    );
  });
}
