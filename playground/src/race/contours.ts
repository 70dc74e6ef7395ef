import { Tensor, contourLines, levelLabels, noGrad } from 'gradlab';
import { s } from '../ui/dom.ts';
import type { SurfaceInfo } from './race.ts';

/**
 * Contour lines of the surface from one tensor pass over the grid (the engine evaluates all points at once),
 * each level's value written on its line away from the start and the minima.
 */
export function contourPaths(info: SurfaceInfo, width: number, height: number, start: readonly [number, number]): SVGGElement {
  const W = width;
  const n = 90;
  const [x0, x1] = info.xDomain,
    [y0, y1] = info.yDomain;
  const dx = (x1 - x0) / (n - 1),
    dy = (y1 - y0) / (n - 1);
  const xs = new Float64Array(n * n),
    ys = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      xs[j * n + i] = x0 + i * dx;
      ys[j * n + i] = y0 + j * dy;
    }
  }
  const grid = noGrad(() => info.f(new Tensor(xs, [n * n]), new Tensor(ys, [n * n])).data);
  const lookup = (x: number, y: number): number => grid[Math.round((y - y0) / dy) * n + Math.round((x - x0) / dx)] ?? NaN;
  const g = s('g', { class: 'contours', 'aria-hidden': 'true' });
  let lines;
  try {
    lines = contourLines(lookup, info.xDomain, info.yDomain, { levels: 14, logLevels: true, resolution: n });
  } catch {
    return g; // f is not finite anywhere in view: no lines, the racers still run and are marked.
  }
  const sx = (x: number) => ((x - x0) / (x1 - x0)) * W,
    sy = (y: number) => height - ((y - y0) / (y1 - y0)) * height;
  for (const line of lines.lines) {
    const shade = 0.35 + 0.55 * (line.levelIndex / Math.max(1, lines.levels.length - 1));
    g.append(
      s('path', {
        d: 'M' + line.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('L'),
        stroke: `hsl(210 35% ${Math.round(shade * 100)}%)`,
        fill: 'none',
        'stroke-width': 1,
      }),
    );
  }
  const frame = { xDomain: info.xDomain, yDomain: info.yDomain, width: W, height };
  for (const label of levelLabels(lines, frame, { fontSize: 13, avoid: [[start, ...info.minima]] })) {
    const text = s('text', {
      x: label.x.toFixed(1),
      y: label.y.toFixed(1),
      transform: `rotate(${label.angle.toFixed(1)} ${label.x.toFixed(1)} ${label.y.toFixed(1)})`,
      class: 'level',
      'font-size': 13,
      'text-anchor': 'middle',
      'dominant-baseline': 'central',
    });
    text.textContent = label.text;
    g.append(text);
  }
  return g;
}
