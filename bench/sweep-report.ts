/** The table, the series and the crossover lines of `npm run bench:sweep`, from the measured medians. */
import type { SweepSeries } from './sweep-chart.ts';
import { describeCrossover, overtakes } from './sweep-crossover.ts';
import { pointId, type SweepPoint } from './sweep-points.ts';

/** Median ms per step, by point id, then by arm name. */
export type Measured = Map<number, Map<string, number>>;

const axisValue = (axis: string, p: SweepPoint): number => (axis === 'width' ? p.width : p.batch);

function msOf(measured: Measured, points: readonly SweepPoint[], arm: string): number[] {
  return points.map((p) => measured.get(pointId(p))?.get(arm) ?? NaN);
}

const shown = (ms: number): string =>
  Number.isNaN(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);

/** A Markdown table: one row per size, ms per step per arm, then gradlab ÷ each peer (below 1: gradlab faster). */
export function sweepTable(axis: string, points: readonly SweepPoint[], arms: readonly string[], measured: Measured): string {
  const peers = arms.filter((a) => a === 'TF.js wasm' || a === 'PyTorch f64');
  const header = [axis, ...arms, ...peers.map((p) => `gradlab ÷ ${p}`)];
  const rows = points.map((p) => {
    const row = measured.get(pointId(p));
    const gl = row?.get('gradlab') ?? NaN;
    return [
      String(axisValue(axis, p)),
      ...arms.map((a) => shown(row?.get(a) ?? NaN)),
      ...peers.map((peer) => {
        const r = gl / (row?.get(peer) ?? NaN);
        return Number.isNaN(r) ? '–' : r.toFixed(2);
      }),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** Each arm's medians along one sweep, for the picture. */
export function sweepSeries(axis: string, points: readonly SweepPoint[], arms: readonly string[], measured: Measured): SweepSeries[] {
  const x = points.map((p) => axisValue(axis, p));
  return arms.map((arm) => ({ arm, x, ms: msOf(measured, points, arm) }));
}

/** The questions the sweep answers: which arm overtakes which, and from what size on. */
const QUESTIONS: { challenger: string; incumbent: string; what: string }[] = [
  {
    challenger: 'gradlab 1 thread',
    incumbent: 'gradlab TS kernels',
    what: 'WebAssembly kernels (one thread) overtake the TypeScript kernels',
  },
  { challenger: 'gradlab', incumbent: 'gradlab 1 thread', what: 'the helper thread pays (default vs GRADLAB_THREADS=1)' },
  { challenger: 'PyTorch f64', incumbent: 'gradlab', what: 'PyTorch float64 overtakes gradlab' },
  { challenger: 'PyTorch f32', incumbent: 'gradlab', what: 'PyTorch float32 overtakes gradlab' },
  { challenger: 'TF.js wasm', incumbent: 'gradlab', what: 'TF.js (wasm) overtakes gradlab' },
];

/** One line per question whose two arms both ran, with the time ratio at the two ends of the sweep. */
export function crossoverLines(axis: string, points: readonly SweepPoint[], measured: Measured): string[] {
  const x = points.map((p) => axisValue(axis, p));
  return QUESTIONS.flatMap(({ challenger, incumbent, what }) => {
    const c = msOf(measured, points, challenger),
      b = msOf(measured, points, incumbent);
    if (c.every(Number.isNaN) || b.every(Number.isNaN)) return [];
    const ratio = (i: number) => (c[i]! / b[i]!).toFixed(2);
    const ends = `${challenger} ÷ ${incumbent}: ${ratio(0)} at ${x[0]!}, ${ratio(x.length - 1)} at ${x.at(-1)!}`;
    return [`${axis}: ${what}: ${describeCrossover(overtakes(x, c, b), axis)} [${ends}]`];
  });
}
