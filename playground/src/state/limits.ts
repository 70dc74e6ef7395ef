/**
 * What each number setting accepts, shared by the controls (which say what is wrong, inline) and the link
 * reader (which names what it ignored): one rule, one wording.
 */
export interface NumberRule {
  /** Whole numbers only. */
  whole: boolean;
  min: number;
  max: number;
}

export const LIMITS = {
  start: { whole: false, min: -999_999, max: 999_999 },
  steps: { whole: true, min: 1, max: 5000 },
  seed: { whole: true, min: 0, max: 2 ** 31 },
  samples: { whole: true, min: 20, max: 2000 },
  noise: { whole: false, min: 0, max: 1 },
  batch: { whole: true, min: 0, max: 2000 },
  trainSteps: { whole: true, min: 0, max: 20_000 },
} as const satisfies Record<string, NumberRule>;

/** Hidden layers: at most this many, each this wide at most. */
export const MAX_LAYERS = 4;
export const MAX_WIDTH = 64;

export type Checked<T> = { value: T; error: null } | { value: null; error: string };

/** "a whole number from 1 to 5000", "a number from 0 to 1". */
export function describeRule(rule: NumberRule): string {
  return `${rule.whole ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}`;
}

/** Reads a typed number against `rule`; the error says what was typed and what is accepted. */
export function checkNumber(text: string, rule: NumberRule): Checked<number> {
  const t = text.trim();
  const expected = describeRule(rule);
  if (t === '') return { value: null, error: `empty; type ${expected}` };
  const v = Number(t);
  if (!Number.isFinite(v)) return { value: null, error: `'${t}' is not a number; type ${expected}` };
  if (rule.whole && !Number.isInteger(v)) return { value: null, error: `${t} is not a whole number; type ${expected}` };
  if (v < rule.min || v > rule.max) return { value: null, error: `${t} is ${v < rule.min ? 'too small' : 'too large'}; type ${expected}` };
  return { value: v, error: null };
}

/** Hidden-layer widths as typed ("16,16", "" for none); the error names the layer at fault. */
export function checkHidden(text: string): Checked<number[]> {
  const t = text.trim();
  if (t === '') return { value: [], error: null };
  const parts = t.split(',').map((p) => p.trim());
  const how = `widths are whole numbers from 1 to ${MAX_WIDTH}, separated by commas, e.g. 16,16`;
  if (parts.length > MAX_LAYERS) return { value: null, error: `${parts.length} layers given; at most ${MAX_LAYERS} (${how})` };
  for (const [i, p] of parts.entries()) {
    const v = Number(p);
    if (p === '') return { value: null, error: `layer ${i + 1} is empty; ${how}` };
    if (!Number.isInteger(v) || v < 1 || v > MAX_WIDTH) return { value: null, error: `layer ${i + 1} is '${p}'; ${how}` };
  }
  return { value: parts.map(Number), error: null };
}
