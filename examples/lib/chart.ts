import { type Series, terminalChart } from '../../src/viz/index.ts';

/**
 * Loss curves as a terminal chart: log-scale y (losses fall over orders of magnitude), x from 0
 * (the loss before training). Pass `color` only when printing straight to a terminal.
 */
export function renderLossChart(series: readonly Series[], options: { color?: boolean } = {}): string {
  return terminalChart(series, { logY: true, width: 60, height: 12, color: options.color ?? false });
}

/** Colour only for a real terminal, never into a log callback or a pipe. */
export function useColor(log: unknown): boolean {
  return log === undefined && process.stdout.isTTY;
}
