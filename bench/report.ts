import type { Options, Result, Side } from './harness.ts';

/** The value shown for a side: median ms, or GFLOP/s for workloads that count flops. */
function shown(r: Result, side: Side): string {
  return shownMs(r, r.ms[side]);
}

function shownMs(r: Result, ms: number | undefined): string {
  if (ms === undefined) return '–';
  if (r.workload.unit === 'GFLOP/s') return (r.workload.flops! / ms / 1e6).toFixed(1);
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

/** gradlab's time ÷ the peer's time: below 1 means gradlab is faster (0.25 = 4× faster). */
const ratio = (r: Result, side: Side): number => r.ms.gradlab / r.ms[side];

function targetMet(r: Result): { text: string; met: boolean } {
  const { peer, factor } = r.workload.target;
  const peerMs = peer === 'best' ? Math.min(r.ms.cpu, r.ms.wasm) : r.ms.wasm;
  const bound = 1 / factor;
  return { text: `≤ ${bound.toFixed(2)} × ${peer === 'best' ? 'best TF' : 'wasm'}`, met: r.ms.gradlab <= peerMs * bound };
}

/** Markdown table, so the output can be pasted into bench/results-*.md as it is. */
export function printTable(results: Result[], options: Options): void {
  const header = [
    '#',
    'workload',
    'unit',
    'gradlab',
    'tf-cpu',
    'tf-wasm',
    'gl/cpu',
    'gl/wasm',
    'pt-f64',
    'pt-f32',
    'gl/pt64',
    'target',
    'met',
    'peak MB',
    'allocs/step',
    'KB/step',
  ];
  const rows = results.map((r) => {
    const t = targetMet(r);
    const m = r.memory;
    return [
      String(r.workload.id),
      r.workload.title,
      r.workload.unit,
      shown(r, 'gradlab'),
      shown(r, 'cpu'),
      shown(r, 'wasm'),
      ratio(r, 'cpu').toFixed(2),
      ratio(r, 'wasm').toFixed(2),
      shownMs(r, r.torch?.float64),
      shownMs(r, r.torch?.float32),
      r.torch ? (r.ms.gradlab / r.torch.float64).toFixed(2) : '–',
      t.text,
      t.met ? 'yes' : 'NO',
      m.peakMB.toFixed(1),
      m.allocsPerStep.toFixed(0),
      m.kbPerStep.toFixed(1),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const right = (i: number): boolean => i >= 3 && i !== 11 && i !== 12;
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (right(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  console.log();
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (right(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log();
  console.log(
    `Medians of ${options.quick ? 3 : 7} samples after warm-up. gl/cpu, gl/wasm, gl/pt64 = gradlab time ÷ TF.js time or PyTorch float64 time`,
  );
  console.log(
    "(below 1: gradlab is faster; for GFLOP/s rows too). pt-f64, pt-f32: PyTorch, one thread, timed after the others. Memory columns are gradlab only: peak heap + buffers above a GC'd baseline; typed arrays created per step.",
  );
  for (const r of results) if (r.workload.note) console.log(r.workload.note());
}
