import { SURFACES, SURFACE_NAMES } from 'gradlab';
import { ParseError, parseExpression } from '../expr/parse.ts';
import { RACE_METHODS, type RaceMethod, defaultSettings } from '../state/methods.ts';
import { MAX_RACERS, type RaceState, defaultRace } from '../state/schema.ts';
import { LIMITS } from '../state/limits.ts';
import { h, numberBox, select } from '../ui/dom.ts';
import { keepingFocus } from '../ui/focus.ts';
import { methodEditor } from '../ui/method-editor.ts';

export interface RaceControlsHost {
  state: RaceState;
  /** Settings changed: rebuild the race (keeping the time position where it still exists). */
  changed(): void;
}

/** The surface's tuned learning rate for a method (none for a typed surface, or for AdamW and Adamax). */
function surfaceLr(surface: RaceState['surface'], method: RaceMethod): number | undefined {
  if (surface === 'custom') return undefined;
  const rates: Readonly<Partial<Record<RaceMethod, number>>> = SURFACES[surface].defaultLr;
  return rates[method];
}

/**
 * The left column of the race view. Re-rendered whole when the set of racers changes, keeping keyboard focus
 * on the same control (a removed racer's Remove passes focus to the racer that takes its place).
 */
export function raceControls(host: RaceControlsHost): HTMLElement {
  const root = h('div', { class: 'controls' });
  const status = h('p', { class: 'sr-only', 'aria-live': 'polite', 'data-testid': 'racers-status' });
  const render = (fallbacks: string[] = []): void => keepingFocus(root, draw, fallbacks);
  const draw = (): void => {
    const st = host.state;
    root.replaceChildren(status);
    root.append(
      select(
        'surface',
        [...SURFACE_NAMES.map((n): [string, string] => [n, SURFACES[n].title]), ['custom', 'Type your own f(x, y)']],
        st.surface,
        (v) => {
          if (v === 'custom') st.surface = 'custom';
          else {
            const d = defaultRace(v as (typeof SURFACE_NAMES)[number]);
            Object.assign(st, { surface: d.surface, start: d.start, steps: d.steps });
            // Keep the racers but give each the surface's tuned lr, so a fresh surface starts sensible.
            for (const m of st.methods)
              if (m.method in SURFACES[d.surface as (typeof SURFACE_NAMES)[number]].defaultLr)
                m.lr = SURFACES[d.surface as (typeof SURFACE_NAMES)[number]].defaultLr[m.method as 'gd'];
          }
          host.changed();
          render();
        },
        { 'data-testid': 'surface' },
      ),
    );
    if (st.surface === 'custom') root.append(formulaBox(host));
    else root.append(h('p', { class: 'formula' }, `f(x, y) = ${SURFACES[st.surface].formula}`));
    root.append(
      h(
        'div',
        { class: 'row' },
        numberBox(
          'start x',
          st.start[0],
          LIMITS.start,
          (v) => {
            st.start = [v, st.start[1]];
            host.changed();
          },
          { step: 'any', 'data-testid': 'start-x' },
        ),
        numberBox(
          'start y',
          st.start[1],
          LIMITS.start,
          (v) => {
            st.start = [st.start[0], v];
            host.changed();
          },
          { step: 'any', 'data-testid': 'start-y' },
        ),
      ),
    );
    root.append(
      h(
        'div',
        { class: 'row' },
        numberBox('steps', st.steps, LIMITS.steps, (v) => {
          st.steps = v;
          host.changed();
        }),
        numberBox('noise seed', st.seed, LIMITS.seed, (v) => {
          st.seed = v;
          host.changed();
        }),
      ),
    );
    st.methods.forEach((m, i) => {
      root.append(
        methodEditor(
          m,
          i,
          () => host.changed(),
          st.methods.length > 1
            ? () => {
                const [gone] = st.methods.splice(i, 1);
                st.selected = Math.min(st.selected, st.methods.length - 1);
                host.changed();
                status.textContent = `Racer ${i + 1} (${gone!.method}) removed; ${st.methods.length} racers.`;
                // Focus goes to the Remove of the racer now in this place, else the one before, else Add.
                render([`racer-${i - 1}/remove`, `racer-${i - 1}/method`, '/add-racer']);
              }
            : null,
          (method) => {
            st.methods[i] = defaultSettings(method, surfaceLr(st.surface, method));
            host.changed();
            render();
          },
        ),
      );
    });
    if (st.methods.length < MAX_RACERS) {
      root.append(
        h(
          'button',
          {
            type: 'button',
            'data-key': 'add-racer',
            'data-testid': 'add-racer',
            onclick: () => {
              const used = new Set(st.methods.map((m) => m.method));
              const method = RACE_METHODS.find((m) => !used.has(m)) ?? 'adam';
              st.methods.push(defaultSettings(method, surfaceLr(st.surface, method)));
              host.changed();
              status.textContent = `Racer ${st.methods.length} (${method}) added.`;
              // At the limit the button goes: focus the new racer's method instead.
              render([`racer-${st.methods.length - 1}/method`]);
            },
          },
          `Add a racer (${st.methods.length}/${MAX_RACERS})`,
        ),
      );
    }
  };
  render();
  return root;
}

/** The typed formula with its parse error inline (column and what was expected), checked as you type. */
function formulaBox(host: RaceControlsHost): HTMLElement {
  const st = host.state;
  const input = h('input', {
    id: 'formula',
    type: 'text',
    value: st.expr,
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-describedby': 'formula-error',
    'data-testid': 'formula',
    'data-key': 'formula',
  });
  const error = h('p', { id: 'formula-error', class: 'error', role: 'alert', 'data-testid': 'formula-error' });
  const check = (commit: boolean): void => {
    try {
      parseExpression(input.value);
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      if (commit && input.value !== st.expr) {
        st.expr = input.value;
        host.changed();
      }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      error.textContent = e.message;
      error.append(h('code', { class: 'caret' }, `\n${input.value}\n${' '.repeat(e.column - 1)}^`));
      input.setAttribute('aria-invalid', 'true');
    }
  };
  input.addEventListener('input', () => check(false));
  input.addEventListener('change', () => check(true));
  input.addEventListener('keydown', (e) => e.key === 'Enter' && check(true));
  queueMicrotask(() => check(false));
  return h(
    'div',
    { class: 'field' },
    h('label', { for: 'formula' }, 'f(x, y) ='),
    input,
    error,
    h(
      'p',
      { class: 'hint' },
      `+ − * / ^, implicit products (2x), exp log sqrt abs tanh sigmoid relu, e, pi. Gradients come from autograd. Example: (1-x)^2 + 100(y-x^2)^2`,
    ),
  );
}
