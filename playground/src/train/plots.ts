import { Tensor, contourLines } from 'gradlab';
import { type AxesFrame, type Margins, canvasAxes } from '../ui/axes.ts';
import type { Trainer } from './engine.ts';

/** Canvas pixels per picture unit: drawn at twice the size it is shown, so text and dots stay sharp. */
const SCALE = 2;
const MARGINS: Margins = { left: 60, right: 10, top: 8, bottom: 44 };

/** A square plot of `size` units with axes around it: the canvas sized to fit, its context scaled. */
export function plotCanvas(canvas: HTMLCanvasElement, size: number): CanvasRenderingContext2D {
  const w = (size + MARGINS.left + MARGINS.right) * SCALE,
    h = (size + MARGINS.top + MARGINS.bottom) * SCALE;
  if (canvas.width !== w || canvas.height !== h) Object.assign(canvas, { width: w, height: h });
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(SCALE, 0, 0, SCALE, 0, 0);
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, w, h);
  return ctx;
}

const axesOf = (size: number, x: readonly [number, number], y: readonly [number, number], xTitle: string, yTitle: string): AxesFrame => ({
  xDomain: x,
  yDomain: y,
  width: size,
  height: size,
  margins: MARGINS,
  xTitle,
  yTitle,
  font: 12,
});

/** Plot-area size of the decision boundary and of the loss slice, in picture units. */
export const BOUNDARY_SIZE = 300;
export const SLICE_SIZE = 260;

/** Class colours (Paul Tol's bright scheme, colour-blind safe); method colours stay for optimizers. */
export const CLASS_COLORS = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#AA3377', '#66CCEE'];
const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** Standardised coordinates the boundary picture spans. */
export const EXTENT = 3;

/** A grid of points over [−EXTENT, EXTENT]², rows from the top, for one batched forward pass. */
export function boundaryGrid(n: number): Tensor {
  const data = new Float64Array(2 * n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      data[2 * (j * n + i)] = -EXTENT + (2 * EXTENT * (i + 0.5)) / n;
      data[2 * (j * n + i) + 1] = EXTENT - (2 * EXTENT * (j + 0.5)) / n;
    }
  return new Tensor(data, [n * n, 2]);
}

/**
 * The decision boundary as a heat map: each cell the predicted class's colour, paler where less sure; then the
 * data; axes in the standardised features' units.
 */
export function drawBoundary(canvas: HTMLCanvasElement, trainer: Trainer, grid: Tensor, n: number): void {
  const probs = trainer.probabilities(grid);
  const c = trainer.split.classes;
  const small = new ImageData(n, n);
  for (let k = 0; k < n * n; k++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (probs[k * c + j]! > probs[k * c + best]!) best = j;
    const conf = (probs[k * c + best]! - 1 / c) / (1 - 1 / c);
    const [r, g, b] = rgb(CLASS_COLORS[best % CLASS_COLORS.length]!);
    const a = 0.12 + 0.5 * conf;
    small.data.set([255 + (r - 255) * a, 255 + (g - 255) * a, 255 + (b - 255) * a, 255], 4 * k);
  }
  const size = BOUNDARY_SIZE;
  const ctx = plotCanvas(canvas, size);
  const off = new OffscreenCanvas(n, n);
  off.getContext('2d')!.putImageData(small, 0, 0);
  ctx.save();
  ctx.translate(MARGINS.left, MARGINS.top);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, size, size);
  const scale = size / (2 * EXTENT);
  for (const [set, filled] of [
    [trainer.split.train, true],
    [trainer.split.test, false],
  ] as const) {
    for (let i = 0; i < set.y.length; i++) {
      const px = (set.x.data[2 * i]! + EXTENT) * scale,
        py = (EXTENT - set.x.data[2 * i + 1]!) * scale;
      ctx.beginPath();
      ctx.arc(px, py, 3.2, 0, 2 * Math.PI);
      ctx.fillStyle = filled ? CLASS_COLORS[set.y[i]! % CLASS_COLORS.length]! : 'white';
      ctx.strokeStyle = filled ? 'white' : CLASS_COLORS[set.y[i]! % CLASS_COLORS.length]!;
      ctx.lineWidth = filled ? 1 : 2;
      ctx.fill();
      ctx.stroke();
    }
  }
  ctx.restore();
  const [a, b] = trainer.split.featureNames;
  canvasAxes(ctx, axesOf(size, [-EXTENT, EXTENT], [-EXTENT, EXTENT], `${a} (standardised)`, `${b} (standardised)`));
}

/** The exact loss slice through two weights as contours, with the optimizer's path across it. */
export function drawSlice(
  canvas: HTMLCanvasElement,
  trainer: Trainer,
  color: string,
  names: readonly [string, string],
  n = 17,
): { span: number } {
  const path = trainer.slicePath;
  const a0 = path[path.length - 2]!,
    b0 = path[path.length - 1]!;
  let reach = 0.5;
  for (let k = 0; k < path.length; k += 2) reach = Math.max(reach, Math.abs(path[k]! - a0), Math.abs(path[k + 1]! - b0));
  const span = Math.min(20, reach * 1.15);
  const slice = trainer.lossSlice(n, span);
  const W = SLICE_SIZE,
    H = SLICE_SIZE;
  const ctx = plotCanvas(canvas, SLICE_SIZE);
  ctx.save();
  ctx.translate(MARGINS.left, MARGINS.top);
  ctx.beginPath();
  ctx.rect(0, 0, W, H);
  ctx.clip();
  ctx.fillStyle = '#fbfcfe';
  ctx.fillRect(0, 0, W, H);
  const lookup = (x: number, y: number): number =>
    slice.values[Math.round(((y - b0 + span) / (2 * span)) * (n - 1)) * n + Math.round(((x - a0 + span) / (2 * span)) * (n - 1))] ?? NaN;
  const sx = (a: number) => ((a - a0 + span) / (2 * span)) * W,
    sy = (b: number) => H - ((b - b0 + span) / (2 * span)) * H;
  try {
    const lines = contourLines(lookup, [a0 - span, a0 + span], [b0 - span, b0 + span], { levels: 12, logLevels: true, resolution: n });
    ctx.lineWidth = 1;
    for (const line of lines.lines) {
      ctx.strokeStyle = `hsl(210 35% ${Math.round(35 + 55 * (line.levelIndex / Math.max(1, lines.levels.length - 1)))}%)`;
      ctx.beginPath();
      line.points.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(sx(x), sy(y)) : ctx.lineTo(sx(x), sy(y))));
      ctx.stroke();
    }
  } catch {
    /* a flat slice has no lines; the path still shows */
  }
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let k = 0; k < path.length; k += 2) {
    if (k === 0) ctx.moveTo(sx(path[k]!), sy(path[k + 1]!));
    else ctx.lineTo(sx(path[k]!), sy(path[k + 1]!));
  }
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.arc(sx(a0), sy(b0), 5, 0, 2 * Math.PI);
  ctx.fill();
  ctx.restore();
  canvasAxes(ctx, axesOf(SLICE_SIZE, [a0 - span, a0 + span], [b0 - span, b0 + span], names[0], names[1]));
  return { span };
}
