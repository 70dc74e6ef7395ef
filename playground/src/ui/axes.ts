import { linearTicks, tickLabels } from 'gradlab';
import { s } from './dom.ts';

/** Room around a plot area for its ticks and axis titles, in the picture's own units. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A plot area: domains and size (in the picture's units) with the margins around it. */
export interface AxesFrame {
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  width: number;
  height: number;
  margins: Margins;
  xTitle: string;
  yTitle: string;
  /** Font size of tick labels (titles are one unit larger). */
  font: number;
}

/** Ticks of both axes: positions inside the plot area and their labels in gradlab's one tick format. */
export function axisTicks(f: AxesFrame): { x: { at: number; text: string }[]; y: { at: number; text: string }[] } {
  const make = (domain: readonly [number, number], pixels: number, toPx: (v: number) => number) => {
    const values = linearTicks(domain[0], domain[1], Math.max(2, Math.round(pixels / (5 * f.font))));
    const texts = tickLabels(values);
    return values.map((v, i) => ({ at: toPx(v), text: texts[i]! }));
  };
  const [x0, x1] = f.xDomain,
    [y0, y1] = f.yDomain;
  return {
    x: make(f.xDomain, f.width, (v) => ((v - x0) / (x1 - x0)) * f.width),
    y: make(f.yDomain, f.height, (v) => f.height - ((v - y0) / (y1 - y0)) * f.height),
  };
}

/** The frame, ticks, tick labels and axis titles as SVG, in the coordinates of the whole picture. */
export function svgAxes(f: AxesFrame): SVGGElement {
  const { left, top } = f.margins;
  const g = s('g', { class: 'axes', 'data-testid': 'axes', 'font-size': f.font, fill: '#3b4252' });
  g.append(s('rect', { x: left, y: top, width: f.width, height: f.height, fill: 'none', stroke: '#8b93a3', 'stroke-width': 1 }));
  const ticks = axisTicks(f);
  const text = (attrs: Record<string, string | number>, content: string): SVGTextElement => {
    const t = s('text', attrs);
    t.textContent = content;
    return t;
  };
  for (const { at, text: label } of ticks.x) {
    const x = left + at;
    g.append(s('line', { x1: x, x2: x, y1: top + f.height, y2: top + f.height + 5, stroke: '#8b93a3' }));
    g.append(text({ x, y: top + f.height + 6 + f.font, 'text-anchor': 'middle', 'data-tick': 'x' }, label));
  }
  for (const { at, text: label } of ticks.y) {
    const y = top + at;
    g.append(s('line', { x1: left - 5, x2: left, y1: y, y2: y, stroke: '#8b93a3' }));
    g.append(text({ x: left - 8, y: y + f.font * 0.35, 'text-anchor': 'end', 'data-tick': 'y' }, label));
  }
  g.append(text({ x: left + f.width / 2, y: top + f.height + 2 * f.font + 12, 'text-anchor': 'middle', 'font-weight': 600 }, f.xTitle));
  const yTitle = text(
    { 'text-anchor': 'middle', 'font-weight': 600, transform: `translate(${f.font * 0.8},${top + f.height / 2}) rotate(-90)` },
    f.yTitle,
  );
  g.append(yTitle);
  return g;
}

/**
 * The same axes drawn on a 2-D canvas context (in canvas units); the canvas carries the tick labels drawn in
 * `data-ticks` (JSON {x, y}), since text painted on a canvas cannot be read back.
 */
export function canvasAxes(ctx: CanvasRenderingContext2D, f: AxesFrame): void {
  const { left, top } = f.margins;
  const ticks = axisTicks(f);
  ctx.canvas.dataset.ticks = JSON.stringify({ x: ticks.x.map((t) => t.text), y: ticks.y.map((t) => t.text) });
  ctx.save();
  ctx.strokeStyle = '#8b93a3';
  ctx.lineWidth = 1;
  ctx.strokeRect(left + 0.5, top + 0.5, f.width - 1, f.height - 1);
  ctx.fillStyle = '#3b4252';
  ctx.font = `${f.font}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (const { at, text } of ticks.x) {
    ctx.moveTo(left + at, top + f.height);
    ctx.lineTo(left + at, top + f.height + 5);
    ctx.fillText(text, left + at, top + f.height + 7);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const { at, text } of ticks.y) {
    ctx.moveTo(left - 5, top + at);
    ctx.lineTo(left, top + at);
    ctx.fillText(text, left - 8, top + at);
  }
  ctx.stroke();
  ctx.font = `600 ${f.font + 1}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(f.xTitle, left + f.width / 2, top + f.height + f.margins.bottom - 2);
  ctx.translate(f.font * 0.6 + 2, top + f.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(f.yTitle, 0, 0);
  ctx.restore();
}
