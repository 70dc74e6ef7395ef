import type { Dataset } from 'gradlab';
import { methodEditor } from '../ui/method-editor.ts';
import { defaultSettings, type RaceMethod } from '../state/methods.ts';
import { ACTIVATIONS, DATASETS, type TrainState } from '../state/schema.ts';
import { LIMITS, checkHidden } from '../state/limits.ts';
import { checkedInput, h, numberBox, select } from '../ui/dom.ts';

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
  const file = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv', 'data-testid': 'csv-file', 'data-key': 'csv-file' });
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
          numberBox('samples', st.n, LIMITS.samples, (v) => {
            st.n = v;
            hooks.rebuild();
          }),
          numberBox(
            'noise',
            st.noise,
            LIMITS.noise,
            (v) => {
              st.noise = v;
              hooks.rebuild();
            },
            { step: 0.05 },
          ),
          numberBox('data seed', st.dataSeed, LIMITS.seed, (v) => {
            st.dataSeed = v;
            hooks.rebuild();
          }),
        ),
    drop,
    checkedInput(
      'hidden layers (widths, comma-separated)',
      st.hidden.join(','),
      checkHidden,
      (widths) => {
        st.hidden = widths;
        hooks.rebuild();
      },
      { 'data-testid': 'hidden', spellcheck: 'false' },
    ),
    h(
      'div',
      { class: 'row' },
      select('activation', ACTIVATIONS, st.activation, (v) => {
        st.activation = v as TrainState['activation'];
        hooks.rebuild();
      }),
      numberBox('init seed', st.initSeed, LIMITS.seed, (v) => {
        st.initSeed = v;
        hooks.rebuild();
      }),
      numberBox('batch (0 = all)', st.batch, LIMITS.batch, (v) => {
        st.batch = v;
        hooks.rebuild();
      }),
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
