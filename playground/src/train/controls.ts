import type { Dataset } from 'gradlab';
import { methodEditor } from '../ui/method-editor.ts';
import { defaultSettings, type RaceMethod } from '../state/methods.ts';
import { ACTIVATIONS, DATASETS, type TrainState } from '../state/schema.ts';
import { h, numberBox, select } from '../ui/dom.ts';

/** What the controls read from and report to the train view. */
export interface TrainControlHooks {
  /** The dropped CSV, if any, and the two of its columns in use (changed in place). */
  csv: Dataset | null;
  columns: [number, number];
  csvError: HTMLElement;
  loadCsv(text: string, name: string): void;
  /** A setting changed: build and train again. */
  rebuild(): void;
  /** The set of controls changed (another data set or method): draw them again. */
  rerender(): void;
}

/** The train view's settings: data (generated or a dropped CSV), network, batch and optimizer, all writing to `st`. */
export function trainControls(st: TrainState, hooks: TrainControlHooks): (Node | string)[] {
  const { csv } = hooks;
  const file = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv', 'data-testid': 'csv-file' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void f.text().then((t) => hooks.loadCsv(t, f.name));
  });
  const drop = h(
    'div',
    { class: 'drop', tabindex: -1 },
    h('label', { for: 'csv-file' }, 'Or use your own CSV (drop it here or choose): '),
    file,
    hooks.csvError,
  );
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files[0];
    if (f) void f.text().then((t) => hooks.loadCsv(t, f.name));
  });
  const columns =
    csv && csv.featureNames.length > 2
      ? h(
          'div',
          { class: 'row' },
          ...([0, 1] as const).map((k) =>
            select(
              `feature ${k + 1}`,
              csv.featureNames.map((n, i): [string, string] => [String(i), n]),
              String(hooks.columns[k]),
              (v) => {
                hooks.columns[k] = Number(v);
                hooks.rebuild();
              },
            ),
          ),
        )
      : null;
  return [
    select(
      'data set',
      DATASETS.filter((d) => d !== 'csv' || csv).map((d): [string, string] => [d, d === 'csv' ? `CSV: ${csv?.name ?? ''}` : d]),
      st.data,
      (v) => {
        st.data = v as TrainState['data'];
        hooks.rebuild();
        hooks.rerender();
      },
      { 'data-testid': 'dataset' },
    ),
    st.data === 'csv'
      ? (columns ?? '')
      : h(
          'div',
          { class: 'row' },
          numberBox(
            'samples',
            st.n,
            (v) => {
              st.n = Math.max(20, Math.min(2000, Math.round(v)));
              hooks.rebuild();
            },
            { min: 20, max: 2000 },
          ),
          numberBox(
            'noise',
            st.noise,
            (v) => {
              st.noise = Math.max(0, Math.min(1, v));
              hooks.rebuild();
            },
            { min: 0, max: 1, step: 0.05 },
          ),
          numberBox(
            'data seed',
            st.dataSeed,
            (v) => {
              st.dataSeed = Math.max(0, Math.round(v));
              hooks.rebuild();
            },
            { min: 0 },
          ),
        ),
    drop,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'hidden' }, 'hidden layers (widths, comma-separated)'),
      (() => {
        const input = h('input', { id: 'hidden', type: 'text', value: st.hidden.join(','), 'data-testid': 'hidden' });
        input.addEventListener('change', () => {
          const widths = input.value.trim() === '' ? [] : input.value.split(',').map((w) => Number(w.trim()));
          if (widths.length <= 4 && widths.every((w) => Number.isInteger(w) && w >= 1 && w <= 64)) {
            st.hidden = widths;
            hooks.rebuild();
          } else input.value = st.hidden.join(',');
        });
        return input;
      })(),
    ),
    h(
      'div',
      { class: 'row' },
      select('activation', ACTIVATIONS, st.activation, (v) => {
        st.activation = v as TrainState['activation'];
        hooks.rebuild();
      }),
      numberBox(
        'init seed',
        st.initSeed,
        (v) => {
          st.initSeed = Math.max(0, Math.round(v));
          hooks.rebuild();
        },
        { min: 0 },
      ),
      numberBox(
        'batch (0 = all)',
        st.batch,
        (v) => {
          st.batch = Math.max(0, Math.round(v));
          hooks.rebuild();
        },
        { min: 0 },
      ),
    ),
    methodEditor(
      st.optimizer,
      0,
      () => hooks.rebuild(),
      null,
      (m: RaceMethod) => {
        st.optimizer = defaultSettings(m);
        hooks.rebuild();
        hooks.rerender();
      },
      'Optimizer',
    ),
  ];
}
