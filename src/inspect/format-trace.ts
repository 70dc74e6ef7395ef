import type { OptimizerTrace, TraceEntry } from './trace.ts';

/** Short names for derived values; state buffers are labelled by the transforms that declare them. */
const LABELS: Record<string, string> = { mHat: 'm̂', vHat: 'v̂' };

export interface FormatTraceOptions {
  /** Rows per tensor: its first `elements` coordinates (default 4). */
  elements?: number;
  /** Significant digits (default 6). */
  digits?: number;
}

/** A number with `digits` significant digits, trailing zeros dropped; NaN (no gradient) as '—'. */
export function formatSignificant(x: number, digits = 6): string {
  if (Number.isNaN(x)) return '—';
  if (x === 0) return '0';
  const s = x.toPrecision(digits);
  const [mant, exp] = s.split('e') as [string, string | undefined];
  const trimmed = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
  return exp === undefined ? trimmed : `${trimmed}e${exp}`;
}

/**
 * The trace as a table, one row per recorded step, parameter and coordinate:
 *
 *     step  param  i  grad  m  v  m̂  v̂  lr_eff  update
 *
 * lr_eff = −update/grad is the learning rate plain SGD would have needed for the same step.
 */
export function formatTrace(trace: OptimizerTrace | readonly TraceEntry[], options: FormatTraceOptions = {}): string {
  const entries: readonly TraceEntry[] = Array.isArray(trace) ? trace : (trace as OptimizerTrace).entries;
  const elements = options.elements ?? 4;
  const digits = options.digits ?? 6;
  const stateKeys = unionKeys(entries.map((e) => e.state));
  const derivedKeys = unionKeys(entries.map((e) => e.derived));
  const labels: Record<string, string> = { ...LABELS };
  for (const e of entries) Object.assign(labels, e.labels);
  const label = (key: string): string => labels[key] ?? key;
  const header = ['step', 'param', 'i', 'grad', ...stateKeys.map(label), ...derivedKeys.map(label), 'lr_eff', 'update'];
  const rows: string[][] = [header];
  const num = (x: number | undefined): string => (x === undefined ? '' : formatSignificant(x, digits));
  for (const e of entries) {
    const n = Math.min(elements, e.grad.length);
    for (let j = 0; j < n; j++) {
      rows.push([
        String(e.step),
        e.param,
        String(j),
        num(e.grad[j]),
        ...stateKeys.map((k) => num(e.state[k]?.[j])),
        ...derivedKeys.map((k) => num(e.derived[k]?.[j])),
        num(e.effectiveLr[j]),
        num(e.update[j]),
      ]);
    }
  }
  return alignColumns(rows);
}

function unionKeys(records: readonly Record<string, unknown>[]): string[] {
  const keys: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/** Left-aligns text columns (step, param) and right-aligns numbers, two spaces apart. */
export function alignColumns(rows: readonly string[][], leftAligned = 2): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, visibleLength(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, c) => {
          const pad = ' '.repeat(widths[c]! - visibleLength(cell));
          return c < leftAligned ? cell + pad : pad + cell;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Characters as a terminal shows them: combining marks (the hat of m̂) take no column. */
export function visibleLength(s: string): number {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- counting code points is the point: marks were removed above
  return [...s.replace(/\p{M}/gu, '')].length;
}
