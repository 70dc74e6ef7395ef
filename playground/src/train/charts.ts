import { tickLabels } from 'gradlab';
import uPlot from 'uplot';

/** uPlot's tick values (a null where it leaves a tick unlabelled) in gradlab's tick format. */
function labelSplits(splits: readonly (number | null)[], log: boolean): string[] {
  const values = splits.filter((v): v is number => v !== null && Number.isFinite(v));
  const labels = tickLabels(values, { log });
  let k = 0;
  return splits.map((v) => (v !== null && Number.isFinite(v) ? labels[k++]! : ''));
}

/** Train and test loss against steps (uPlot), log-scaled loss. */
export function lossChart(target: HTMLElement, color: string, width: number): uPlot {
  return new uPlot(
    {
      width,
      height: 200,
      title: 'loss (cross-entropy)',
      // uPlot declares Distr as an ambient const enum, which isolated modules cannot read: 3 is Logarithmic.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- see above
      scales: { x: { time: false }, y: { distr: 3 } },
      // Tick labels in gradlab's one format, as in every other picture (log axis: 1, 0.1, 0.01, 1e−4 …).
      axes: [
        { label: 'step', values: (_u, splits) => labelSplits(splits, false) },
        { label: 'loss', size: 60, values: (_u, splits) => labelSplits(splits, true) },
      ],
      // A key of the two curves; live cursor values would read "--" whenever the pointer is elsewhere (always, on a phone).
      // Markers drawn as the curves are: solid for train, dashed for test.
      legend: { live: false, markers: { dash: (u, i) => (u.series[i]?.dash ? 'dashed' : 'solid') } },
      series: [
        { label: 'step' },
        { label: 'train', stroke: color, width: 2 },
        { label: 'test (every 10 steps)', stroke: color, dash: [6, 4], width: 2, spanGaps: true },
      ],
    },
    [[], [], []],
    target,
  );
}

/**
 * λ_max of the training loss's Hessian against steps (points every SHARPNESS_EVERY steps, joined),
 * log-scaled, with the method's stability limit (`limit`, e.g. "2/η") as a dashed line when it has one.
 */
export function sharpnessChart(target: HTMLElement, color: string, width: number, limit: string | null): uPlot {
  return new uPlot(
    {
      width,
      height: 170,
      title: 'sharpness λ_max (top Hessian eigenvalue of the training loss)',
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- Logarithmic, as in lossChart
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [
        { label: 'step', values: (_u, splits) => labelSplits(splits, false) },
        { label: 'λ_max', size: 60, values: (_u, splits) => labelSplits(splits, true) },
      ],
      legend: { live: false, markers: { dash: (u, i) => (u.series[i]?.dash ? 'dashed' : 'solid') } },
      series: [
        { label: 'step' },
        { label: 'λ_max', stroke: color, width: 2, spanGaps: true, points: { show: true, size: 5 } },
        ...(limit === null ? [] : [{ label: limit, stroke: '#555', dash: [6, 4], width: 1.5 }]),
      ],
    },
    limit === null ? [[], []] : [[], [], []],
    target,
  );
}
