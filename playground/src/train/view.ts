import { CsvError, type Dataset, type MLP, METHOD_COLORS, type Tensor, parseCsv } from 'gradlab';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrainState } from '../state/schema.ts';
import { fmt, h, select } from '../ui/dom.ts';
import { keepingFocus } from '../ui/focus.ts';
import { trainControls } from './controls.ts';
import { Trainer, generate, prepare } from './engine.ts';
import { lossChart, sharpnessChart } from './charts.ts';
import { boundaryGrid, drawBoundary, drawSlice } from './plots.ts';
import { SHARPNESS_EVERY, limitName } from './sharpness.ts';

const GRID = 40;

/** Train an MLP on 2-D data: boundary, loss curves, and the loss slice through two weights. */
export class TrainView {
  readonly element: HTMLElement;
  private built: Trainer | null = null;
  private csv: Dataset | null = null;
  private columns: [number, number] = [0, 1];
  private playing = false;
  private readonly grid = boundaryGrid(GRID);
  private readonly boundary = h('canvas', {
    width: 360,
    height: 360,
    role: 'img',
    'aria-label': 'decision boundary',
    'data-testid': 'boundary',
  });
  private readonly slice = h('canvas', { width: 300, height: 300, role: 'img', 'aria-label': 'loss slice', 'data-testid': 'slice' });
  private readonly chartBox = h('div', { class: 'chart' });
  private chart: uPlot | null = null;
  private readonly sharpBox = h('div', { class: 'chart', 'data-testid': 'sharpness' });
  private readonly sharpCaption = h('p', { class: 'hint', 'data-testid': 'sharpness-caption' });
  private sharpChart: uPlot | null = null;
  private readonly controls = h('div', { class: 'controls' });
  private readonly line = h('p', { class: 'step-line', 'aria-live': 'polite', 'data-testid': 'train-line' });
  private readonly csvError = h('p', { class: 'error', role: 'alert', 'data-testid': 'csv-error' });
  private readonly sliceControls = h('div', { class: 'row' });
  private readonly playButton: HTMLButtonElement;
  private nextBoundary = 0;
  private sliceStep = 0;

  constructor(
    private readonly state: TrainState,
    private readonly saved: () => void,
  ) {
    this.playButton = h(
      'button',
      { type: 'button', 'data-testid': 'train-play', onclick: () => this.togglePlay(), 'aria-keyshortcuts': 'K Space' },
      '▶ Train',
    );
    const button = (text: string, onclick: () => void, testId: string, keys?: string) =>
      h('button', { type: 'button', onclick, 'data-testid': testId, 'aria-keyshortcuts': keys }, text);
    this.element = h(
      'section',
      { id: 'view-train', class: 'view', 'aria-labelledby': 'tab-train' },
      this.controls,
      h(
        'div',
        { class: 'stage' },
        h(
          'div',
          { class: 'timeline', role: 'group', 'aria-label': 'training' },
          this.playButton,
          button('Step ▶', () => this.advance(1), 'train-step', '.'),
          button('+100 steps', () => this.advance(100), 'train-100'),
          button(
            'Reset',
            () => {
              this.state.step = 0;
              this.rebuild();
            },
            'train-reset',
          ),
        ),
        h(
          'p',
          { class: 'hint keys', 'data-testid': 'train-keys' },
          'Keys: K or Space train/pause · . one step (not while typing in a box).',
        ),
        this.line,
        h(
          'figure',
          { class: 'plot' },
          this.boundary,
          h('figcaption', {}, 'Decision boundary: filled dots train, rings test; colour = predicted class, paler = less sure.'),
        ),
        this.chartBox,
        this.sharpBox,
        this.sharpCaption,
      ),
      h(
        'div',
        { class: 'side' },
        h('h2', {}, 'Loss slice through two weights'),
        h(
          'p',
          { class: 'hint' },
          "The exact training loss as two weights move and every other weight stays at its current value, with the optimizer's path of those two weights.",
        ),
        this.sliceControls,
        h('figure', { class: 'plot' }, this.slice, h('figcaption', { 'data-testid': 'slice-caption' })),
      ),
    );
    this.renderControls();
  }

  /** The trainer, built (and replayed to the state's step) on first use, so the race view opens fast. */
  get trainer(): Trainer {
    if (this.built === null) this.rebuild();
    return this.built!;
  }

  get model(): MLP {
    return this.trainer.model;
  }

  shown(): void {
    if (this.built === null) this.rebuild();
    else this.draw(true);
  }

  /** Draws the settings again (another data set or method), keeping keyboard focus on the same control. */
  private renderControls(): void {
    keepingFocus(this.controls, () =>
      this.controls.replaceChildren(
        ...trainControls(this.state, {
          csv: this.csv,
          columns: this.columns,
          csvError: this.csvError,
          loadCsv: (text, name) => this.loadCsv(text, name),
          rebuild: () => this.rebuild(),
          rerender: () => this.renderControls(),
        }),
      ),
    );
  }

  /** CSV errors read as the CLI's: file, line and column. */
  loadCsv(text: string, name: string): void {
    try {
      const data = parseCsv(text, { source: name });
      if (data.featureNames.length < 2)
        throw new CsvError(`${name}: needs at least two feature columns besides the label, found ${data.featureNames.length}`, name);
      this.csv = data;
      this.columns = [0, 1];
      this.csvError.textContent = '';
      this.state.data = 'csv';
      this.rebuild();
      this.renderControls();
    } catch (e) {
      this.csvError.textContent = e instanceof Error ? e.message : String(e);
    }
  }

  /** New data, model or optimizer: train from scratch to the state's step (a shared link replays to it). */
  rebuild(): void {
    const st = this.state;
    const data = st.data === 'csv' && this.csv ? this.csv : generate(st);
    this.built = new Trainer(st, prepare(data, st.dataSeed, st.data === 'csv' ? this.columns : [0, 1]));
    const target = st.step;
    while (this.trainer.steps < target) this.trainer.step();
    this.renderSliceControls();
    const width = Math.max(280, Math.min(560, this.chartBox.clientWidth || 520));
    this.chart?.destroy();
    this.chart = lossChart(this.chartBox, METHOD_COLORS[st.optimizer.method], width);
    this.sharpChart?.destroy();
    this.sharpChart = sharpnessChart(this.sharpBox, METHOD_COLORS[st.optimizer.method], width, limitName(st.optimizer));
    this.sharpCaption.textContent = sharpnessCaption(st, this.trainer.split.train.y.length);
    if (!this.element.hidden) this.draw(true);
  }

  private renderSliceControls(): void {
    const names = [...this.trainer.params.entries()].flatMap(([n, p]) =>
      Array.from({ length: Math.min(p.size, 64) }, (_, i) => `${n}[${i}]`),
    );
    const bad = this.trainer.setSlice(this.state.sliceA, this.state.sliceB);
    const pick = (label: string, key: 'sliceA' | 'sliceB') =>
      select(
        label,
        names,
        this.state[key],
        (v) => {
          this.state[key] = v;
          this.trainer.setSlice(this.state.sliceA, this.state.sliceB);
          // The path of the new pair is not recorded: replay from step 0 (exact, seeded).
          this.rebuild();
        },
        { 'data-testid': key },
      );
    keepingFocus(this.sliceControls, () => this.sliceControls.replaceChildren(pick('weight A', 'sliceA'), pick('weight B', 'sliceB')));
    if (bad.length > 0)
      this.sliceControls.append(
        h('p', { class: 'error' }, `No weight ${bad.join(', ')} in this model; showing the first weights instead.`),
      );
  }

  /** Focuses Train, where the skip link leads. */
  focusTimeline(): void {
    this.playButton.focus();
  }

  /** The view's keyboard shortcuts; true when `key` was one. */
  shortcut(key: string): boolean {
    if (key === 'k' || key === 'K' || key === ' ') this.togglePlay();
    else if (key === '.') this.advance(1);
    else return false;
    return true;
  }

  advance(k: number): void {
    const before = this.trainer.currentLosses()[0];
    for (let i = 0; i < k; i++) this.trainer.step();
    this.state.step = this.trainer.steps;
    this.draw(k > 1 || !this.playing, before);
  }

  togglePlay(): void {
    this.playing = !this.playing;
    this.playButton.textContent = this.playing ? '⏸ Pause' : '▶ Train';
    if (this.playing) requestAnimationFrame(this.frame);
    else this.draw(true);
  }

  private readonly frame = (): void => {
    if (!this.playing) return;
    if (this.element.hidden) {
      this.togglePlay();
      return;
    }
    const t0 = performance.now();
    // Train for ~12 ms of each frame, then draw.
    do this.trainer.step();
    while (performance.now() - t0 < 12);
    this.state.step = this.trainer.steps;
    this.draw(false);
    requestAnimationFrame(this.frame);
  };

  /**
   * Boundary and curves; while training runs, the boundary redraws as often as keeps it under a
   * quarter of the time (the rest trains), and the slice (17² forward passes over the training set)
   * waits until training pauses or steps.
   */
  draw(full: boolean, lossBefore?: number): void {
    const t = this.trainer;
    const now = performance.now();
    if (!full && now < this.nextBoundary) return;
    const width = Math.max(280, Math.min(560, this.chartBox.clientWidth || 520));
    if (this.chart && Math.abs(this.chart.width - width) > 8) this.chart.setSize({ width, height: 200 });
    if (this.sharpChart && Math.abs(this.sharpChart.width - width) > 8) this.sharpChart.setSize({ width, height: 170 });
    drawBoundary(this.boundary, t, this.grid, GRID);
    this.chart?.setData([t.history.step, t.history.train, t.history.test] as uPlot.AlignedData);
    const { step, sharpness, limit } = t.history;
    let k = sharpness.length - 1;
    while (k >= 0 && sharpness[k] === null) k--;
    this.sharpBox.dataset.exact = JSON.stringify(k < 0 ? null : { step: step[k], sharpness: sharpness[k], limit: limit[k] });
    this.sharpChart?.setData(this.sharpChart.series.length > 2 ? [step, sharpness, limit] : [step, sharpness]);
    this.nextBoundary = performance.now() + 3 * (performance.now() - now);
    const caption = this.element.querySelector('[data-testid=slice-caption]')!;
    if (full) {
      const { span } = drawSlice(this.slice, t, METHOD_COLORS[this.state.optimizer.method], [this.state.sliceA, this.state.sliceB]);
      caption.textContent = `${this.state.sliceA} across, ${this.state.sliceB} up, each ±${fmt(span, 3)} around its value at step ${t.steps}.`;
    } else caption.textContent = `As at step ${this.sliceStep}; the slice is recomputed when training pauses.`;
    if (full) this.sliceStep = t.steps;
    const [train, test] = t.currentLosses();
    this.line.textContent = `step ${t.steps}: ${this.state.optimizer.method}, train loss ${lossBefore === undefined ? '' : `${fmt(lossBefore, 3)} → `}${fmt(train, 3)}, test loss ${fmt(test, 3)}`;
    this.line.dataset.exact = JSON.stringify({ step: t.steps, train, test });
    this.saved();
  }

  /** One batched forward pass over the points, for the benchmark. */
  probe(points: Tensor): Float64Array {
    return this.trainer.probabilities(points);
  }
}

/** What the sharpness chart shows, and what its dashed line means for this method (or why it has none). */
function sharpnessCaption(st: TrainState, n: number): string {
  const what = `λ_max of the whole training set's loss, every ${SHARPNESS_EVERY} steps (power iteration on Hessian-vector products).`;
  const name = limitName(st.optimizer);
  if (name === null)
    return `${what} No stability line: ${st.optimizer.method} divides each weight's step by its own running scale, so its limit is on that rescaled Hessian, not on λ_max; 2/η would mislead.`;
  const batched = st.batch > 0 && st.batch < n ? ` Steps here use batches of ${st.batch}, so the line is a guide, not a wall.` : '';
  const who = st.optimizer.method === 'momentum' ? 'gradient descent with this momentum' : 'gradient descent';
  return `${what} Dashed: ${name}, η the learning rate in force: on a quadratic with curvature λ_max, full-batch ${who} diverges once λ_max passes it; on a network λ_max often rises to the line and hovers there (the edge of stability).${batched}`;
}
