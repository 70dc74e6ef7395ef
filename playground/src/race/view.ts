import { METHOD_COLORS } from 'gradlab';
import { ParseError } from '../expr/parse.ts';
import type { RaceState } from '../state/schema.ts';
import { h, select } from '../ui/dom.ts';
import { keepingFocus } from '../ui/focus.ts';
import { raceControls } from './controls.ts';
import { type StepDetail, equation, inspectorTable, stepSentence } from './inspector.ts';
import { RacePlot } from './plot.ts';
import { Race, surfaceInfo } from './race.ts';

/** The race view's shortcuts, as the page shows them. */
const KEYS = 'Keys: K or Space play/pause · . step forward · , step back · 0 back to step 0 (not while typing in a box).';

/** The race view: controls, the surface with paths, the timeline and the inspector. */
export class RaceView {
  readonly element: HTMLElement;
  race: Race | null = null;
  private playing = false;
  private readonly plot: RacePlot;
  private readonly scrub: HTMLInputElement;
  private readonly stepLabel: HTMLOutputElement;
  private readonly playButton: HTMLButtonElement;
  private readonly inspector = h('div', { class: 'inspector-box' });
  private readonly legend = h('ul', { class: 'legend', 'data-testid': 'legend' });
  private readonly live = h('p', { class: 'step-line', 'aria-live': 'polite', 'data-testid': 'step-line' });
  private readonly summary = h('p', { class: 'sr-only', 'data-testid': 'race-summary' });
  private readonly problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'race-error' });
  private readonly pick = h('div', {});
  /** Steps advanced per animation frame while playing. */
  speed = 2;

  constructor(
    private readonly state: RaceState,
    private readonly saved: () => void,
  ) {
    this.plot = new RacePlot((x, y) => {
      this.state.start = [x, y];
      this.rebuild();
      this.rerenderControls();
    });
    this.scrub = h('input', { type: 'range', id: 'scrub', min: 0, max: state.steps, step: 1, value: state.step, 'data-testid': 'scrub' });
    this.scrub.addEventListener('input', () => this.goTo(Number(this.scrub.value)));
    this.stepLabel = h('output', { for: 'scrub', 'data-testid': 'step' });
    const button = (label: string, text: string, onclick: () => void, testId: string, keys: string) =>
      h('button', { type: 'button', 'aria-label': label, onclick, 'data-testid': testId, 'aria-keyshortcuts': keys }, text);
    this.playButton = button('play', '▶ Play', () => this.togglePlay(), 'play', 'K Space');
    const timeline = h(
      'div',
      { class: 'timeline', role: 'group', 'aria-label': 'time travel' },
      button('back to step 0', '⇤ 0', () => this.goTo(0), 'rewind', '0'),
      button('step back', '◀ Step', () => this.goTo(this.state.step - 1), 'step-back', ','),
      this.playButton,
      button('step forward', 'Step ▶', () => this.goTo(this.state.step + 1), 'step-forward', '.'),
      h('label', { for: 'scrub', class: 'scrub-label' }, 'step'),
      this.scrub,
      this.stepLabel,
      select(
        'speed',
        [
          ['1', '1 step/frame'],
          ['2', '2 steps/frame'],
          ['5', '5 steps/frame'],
          ['20', '20 steps/frame'],
        ],
        String(this.speed),
        (v) => (this.speed = Number(v)),
      ),
    );
    this.controlsSlot = h('div', { class: 'controls-slot' });
    this.element = h(
      'section',
      { id: 'view-race', class: 'view', 'aria-labelledby': 'tab-race' },
      this.controlsSlot,
      h(
        'div',
        { class: 'stage' },
        this.problem,
        this.plot.element,
        this.legend,
        timeline,
        h('p', { class: 'hint keys', 'data-testid': 'race-keys' }, KEYS),
        this.live,
        this.summary,
      ),
      h('div', { class: 'side' }, h('h2', {}, 'Inside the optimizer'), this.pick, this.inspector),
    );
    this.rerenderControls();
    this.rebuild();
  }

  private controlsSlot: HTMLElement;

  private rerenderControls(): void {
    this.controlsSlot.replaceChildren(raceControls({ state: this.state, changed: () => this.rebuild() }));
  }

  /** Settings changed: a new race from step 0, then back to the same time position. */
  rebuild(): void {
    const st = this.state;
    try {
      this.race = new Race(st, surfaceInfo(st));
      this.problem.textContent = '';
    } catch (e) {
      this.race = null;
      this.problem.textContent =
        e instanceof ParseError ? `f(x, y) does not parse: ${e.message}` : `Cannot run these settings: ${(e as Error).message}`;
      this.saved();
      return;
    }
    this.scrub.max = String(st.steps);
    st.step = Math.min(st.step, st.steps);
    this.plot.setRace(this.race);
    keepingFocus(this.pick, () =>
      this.pick.replaceChildren(
        select(
          'racer shown',
          st.methods.map((m, i): [string, string] => [String(i), `${i + 1}: ${m.method}`]),
          String(st.selected),
          (v) => {
            st.selected = Number(v);
            this.render();
          },
          { 'data-testid': 'selected-racer' },
        ),
      ),
    );
    this.legend.replaceChildren(
      ...this.race.racers.map((r, i) =>
        h('li', { style: `--racer:${METHOD_COLORS[r.config.settings.method]}`, 'data-testid': `legend-${i}` }),
      ),
    );
    this.render();
  }

  /** Focuses Play, where the skip link leads. */
  focusTimeline(): void {
    this.playButton.focus();
  }

  /** The view's keyboard shortcuts (see KEYS); true when `key` was one. */
  shortcut(key: string): boolean {
    if (key === 'k' || key === 'K' || key === ' ') this.togglePlay();
    else if (key === '.') this.goTo(this.state.step + 1);
    else if (key === ',') this.goTo(this.state.step - 1);
    else if (key === '0') this.goTo(0);
    else return false;
    return true;
  }

  goTo(t: number): void {
    this.state.step = Math.max(0, Math.min(this.state.steps, Math.round(t)));
    this.render();
  }

  togglePlay(): void {
    this.playing = !this.playing;
    this.playButton.textContent = this.playing ? '⏸ Pause' : '▶ Play';
    this.playButton.setAttribute('aria-label', this.playing ? 'pause' : 'play');
    if (this.playing) {
      if (this.state.step >= this.state.steps) this.state.step = 0;
      requestAnimationFrame(this.frame);
    }
  }

  private readonly frame = (): void => {
    if (!this.playing) return;
    this.goTo(this.state.step + this.speed);
    if (this.state.step >= this.state.steps) this.togglePlay();
    else requestAnimationFrame(this.frame);
  };

  /** Engine work to step t, the picture, the inspector and the sentence. */
  render(): void {
    const st = this.state,
      race = this.race;
    this.scrub.value = String(st.step);
    this.stepLabel.textContent = `${st.step} / ${st.steps}`;
    if (!race) return;
    race.advanceTo(st.step);
    this.plot.draw(race, st.step, st.selected);
    race.racers.forEach((r, i) => {
      const li = this.legend.children[i] as HTMLElement;
      const diverged = r.divergedAt !== null && st.step >= r.divergedAt;
      const k = Math.min(st.step, r.computed);
      li.textContent = `${r.config.settings.method} (η = ${r.config.settings.lr}): ${diverged ? `✕ diverged at step ${String(r.divergedAt)}` : `loss ${Number(r.losses[k]!.toPrecision(4))}`}`;
      li.dataset.diverged = String(diverged);
    });
    this.summary.textContent = `Step ${st.step}. ${RacePlot.summary(race, st.step)}`;
    const racer = race.racers[st.selected];
    if (!racer) return;
    const t = Math.min(st.step, racer.computed);
    const entries = racer.detail(t);
    const detail: StepDetail = {
      entries,
      lr: entries.lr ?? racer.config.settings.lr,
      lossBefore: racer.losses[Math.max(0, t - 1)]!,
      lossAfter: racer.losses[t]!,
      curvature: entries.curvature,
    };
    const method = racer.config.settings.method;
    this.inspector.replaceChildren(
      inspectorTable(detail),
      h('p', { class: 'equation', 'data-testid': 'equation' }, equation(racer.config.settings, detail)),
    );
    if (racer.divergedAt !== null && st.step >= racer.divergedAt)
      this.inspector.prepend(
        h('p', { class: 'error' }, `${method} diverged at step ${racer.divergedAt}: its point or loss left the finite numbers. Lower η.`),
      );
    this.live.textContent = stepSentence(method, detail);
    this.saved();
  }
}
