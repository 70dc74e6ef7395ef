import { METHOD_COLORS } from 'gradlab';
import { contourPaths } from './contours.ts';
import { type Margins, svgAxes } from '../ui/axes.ts';
import { fmt, h, s } from '../ui/dom.ts';
import type { Race, SurfaceInfo } from './race.ts';

/** Width of the plot area in the picture's units; axes and their labels go in the margins. */
const W = 600;
const MARGINS: Margins = { left: 76, right: 18, top: 12, bottom: 60 };
const FONT = 18;

/** The race picture: contours, minima, the common start, one path per racer; click sets the start. */
export class RacePlot {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  /** The plot area: contours and paths, clipped to it. */
  private readonly area = s('g', { transform: `translate(${MARGINS.left},${MARGINS.top})`, 'clip-path': 'url(#race-clip)' });
  /** Markers drawn over the frame's edge (start, heads, ✕), unclipped. */
  private readonly over = s('g', { transform: `translate(${MARGINS.left},${MARGINS.top})` });
  private readonly clip = s('rect', { width: W, height: W });
  private readonly paths: SVGPolylineElement[] = [];
  private readonly heads: SVGGElement[] = [];
  private points: string[][] = [];
  private height = W;

  constructor(private readonly onStart: (x: number, y: number) => void) {
    this.svg = s('svg', { role: 'img', 'data-testid': 'race-plot' });
    this.element = h(
      'figure',
      { class: 'plot' },
      this.svg,
      h('figcaption', {}, 'Click the surface to move the common start (or type it in start x, y).'),
    );
    const clipPath = s('clipPath', { id: 'race-clip' });
    clipPath.append(this.clip);
    this.svg.append(s('defs', {}), this.area, this.over);
    this.svg.firstChild!.appendChild(clipPath);
    this.svg.addEventListener('click', (e) => {
      const info = this.info;
      const ctm = this.svg.getScreenCTM();
      if (!info || !ctm) return;
      // Page → picture units → plot area; clicks on the axes are not on the surface.
      const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
      const fx = (p.x - MARGINS.left) / W,
        fy = (p.y - MARGINS.top) / this.height;
      if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return;
      const x = info.xDomain[0] + fx * (info.xDomain[1] - info.xDomain[0]);
      const y = info.yDomain[1] - fy * (info.yDomain[1] - info.yDomain[0]);
      this.onStart(Number(x.toPrecision(4)), Number(y.toPrecision(4)));
    });
  }

  private info: SurfaceInfo | null = null;

  /** Draws the surface and empty paths for `race`. */
  setRace(race: Race): void {
    const info = (this.info = race.surface);
    const [x0, x1] = info.xDomain,
      [y0, y1] = info.yDomain;
    // Equal scales on both axes: the picture's aspect is the domain's.
    this.height = Math.round((W * (y1 - y0)) / (x1 - x0));
    this.svg.setAttribute('viewBox', `0 0 ${W + MARGINS.left + MARGINS.right} ${this.height + MARGINS.top + MARGINS.bottom}`);
    this.clip.setAttribute('height', String(this.height));
    this.svg.setAttribute(
      'aria-label',
      `Contours of ${info.title}, x from ${x0} to ${x1}, y from ${y0} to ${y1}, with the path of each racer`,
    );
    this.svg.querySelector('.axes')?.remove();
    this.svg.append(
      svgAxes({
        xDomain: info.xDomain,
        yDomain: info.yDomain,
        width: W,
        height: this.height,
        margins: MARGINS,
        xTitle: 'x',
        yTitle: 'y',
        font: FONT,
      }),
    );
    this.area.replaceChildren(
      s('rect', { width: W, height: this.height, fill: '#fbfcfe' }),
      contourPaths(info, W, this.height, race.state.start),
    );
    this.over.replaceChildren();
    for (const [mx, my] of info.minima) {
      const [px, py] = this.toPx(mx, my);
      this.area.append(
        s('path', { d: `M${px - 6},${py}L${px + 6},${py}M${px},${py - 6}L${px},${py + 6}`, stroke: '#555', 'stroke-width': 1.5 }),
      );
    }
    const [sxp, syp] = this.toPx(...race.state.start);
    this.over.append(
      s('circle', { cx: sxp, cy: syp, r: 5, fill: 'white', stroke: '#222', 'stroke-width': 1.5, 'data-testid': 'start-marker' }),
    );
    this.paths.length = 0;
    this.heads.length = 0;
    this.points = [];
    race.racers.forEach((r) => {
      const color = METHOD_COLORS[r.config.settings.method];
      const path = s('polyline', { fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-linejoin': 'round', 'data-testid': 'path' });
      const head = s('g', {});
      this.area.append(path);
      this.over.append(head);
      this.paths.push(path);
      this.heads.push(head);
      head.dataset.color = color;
    });
  }

  /** Plot-area coordinates of (x, y); `onFrame` clamps them to the frame, else far-away points to 3× its size. */
  toPx(x: number, y: number, onFrame = false): [number, number] {
    const info = this.info!;
    const [x0, x1] = info.xDomain,
      [y0, y1] = info.yDomain;
    // Clamp far-away points so a diverging path still draws toward where it went.
    const [lo, hi] = onFrame ? [0, 1] : [-1, 2];
    const cx = Math.max(lo * W, Math.min(hi * W, ((x - x0) / (x1 - x0)) * W));
    const cy = Math.max(lo * this.height, Math.min(hi * this.height, this.height - ((y - y0) / (y1 - y0)) * this.height));
    return [Number(cx.toFixed(2)), Number(cy.toFixed(2))];
  }

  /** Paths up to step t; a diverged run ends in a ✕ at its last finite point. */
  draw(race: Race, t: number, selected: number): void {
    race.racers.forEach((r, i) => {
      const last = Math.min(t, r.computed);
      const end = r.divergedAt !== null && t >= r.divergedAt ? r.divergedAt - 1 : last;
      // Points are kept between frames: playing forward only appends.
      const pts = (this.points[i] ??= []);
      const n = Math.max(0, end) + 1;
      if (pts.length > n) pts.length = n;
      for (let k = pts.length; k < n; k++) {
        const [px, py] = this.toPx(r.path[2 * k]!, r.path[2 * k + 1]!);
        pts.push(`${px},${py}`);
      }
      const path = this.paths[i]!;
      path.setAttribute('points', pts.join(' '));
      path.setAttribute('stroke-width', i === selected ? '3' : '2');
      const head = this.heads[i]!;
      const color = head.dataset.color!;
      // Heads stay on the frame: a run that left it is marked where it went out of view.
      const [hx, hy] = this.toPx(r.path[2 * Math.max(0, end)]!, r.path[2 * Math.max(0, end) + 1]!, true);
      if (r.divergedAt !== null && t >= r.divergedAt) {
        head.innerHTML = '';
        head.append(
          s('path', {
            d: `M${hx - 7},${hy - 7}L${hx + 7},${hy + 7}M${hx - 7},${hy + 7}L${hx + 7},${hy - 7}`,
            stroke: color,
            'stroke-width': 3,
            'data-testid': 'diverged-mark',
          }),
        );
        const right = hx > W / 2;
        const label = s('text', {
          x: right ? hx - 9 : hx + 9,
          y: hy < 20 ? hy + 20 : hy - 6,
          fill: color,
          'font-size': 15,
          'text-anchor': right ? 'end' : 'start',
        });
        label.textContent = `${r.config.settings.method} diverged at step ${r.divergedAt}`;
        head.append(label);
      } else {
        head.innerHTML = '';
        head.append(s('circle', { cx: hx, cy: hy, r: i === selected ? 6 : 4.5, fill: color, stroke: 'white', 'stroke-width': 1.5 }));
      }
    });
  }

  /** A text summary for screen readers (and tests): where each racer is at step t. */
  static summary(race: Race, t: number): string {
    return race.racers
      .map((r) => {
        const k = Math.min(t, r.computed);
        if (r.divergedAt !== null && t >= r.divergedAt) return `${r.config.settings.method}: diverged at step ${r.divergedAt}`;
        return `${r.config.settings.method}: (${fmt(r.path[2 * k])}, ${fmt(r.path[2 * k + 1])}), loss ${fmt(r.losses[k])}`;
      })
      .join('; ');
  }
}
