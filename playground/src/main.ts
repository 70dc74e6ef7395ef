import { initKernels, kernelStatus } from 'gradlab';
import { RaceView } from './race/view.ts';
import { copyAsCode } from './share/code.ts';
import { type PlaygroundState, VIEWS, type View } from './state/schema.ts';
import { decodeState, encodeState } from './state/url.ts';
import { GraphView } from './graph/view.ts';
import { TrainView } from './train/view.ts';
import { h } from './ui/dom.ts';

const TITLES: Record<View, string> = { race: 'Race optimizers', train: 'Train a network', graph: 'Computation graph' };

/** Builds the page from the URL fragment; every later change is written back to it. */
function start(): void {
  const app = document.getElementById('app')!;
  const decoded = decodeState(location.hash);
  const state: PlaygroundState = decoded.state;
  let pending = 0;
  // Written at most every 250 ms: browsers throttle (and warn about) more frequent history updates.
  const save = (): void => {
    clearTimeout(pending);
    pending = window.setTimeout(() => history.replaceState(null, '', `#${encodeState(state)}`), 250);
  };
  const banner = h(
    'div',
    { class: 'banner', role: 'status', 'data-testid': 'banner', hidden: decoded.message === null },
    decoded.message ?? '',
    h('button', { type: 'button', class: 'small', 'aria-label': 'dismiss message', onclick: () => (banner.hidden = true) }, 'Dismiss'),
  );
  const race = new RaceView(state.race, save);
  const train = new TrainView(state.train, save);
  const graph = new GraphView(state.train, () => train.trainer, save);
  const views: Record<View, { element: HTMLElement; shown?(): void; focusTimeline(): void; shortcut?(key: string): boolean }> = {
    race,
    train,
    graph,
  };
  // Shortcuts act on the view shown, except while typing (inputs and lists keep their own keys) and except
  // Space on a button or link, which presses it.
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('input, textarea, select, [contenteditable]')) return;
    if (e.key === ' ' && target?.closest('button, a, summary, [role=tab]')) return;
    if (views[state.view].shortcut?.(e.key)) e.preventDefault();
  });
  const skip = h(
    'a',
    {
      href: '#',
      class: 'skip-link',
      'data-testid': 'skip-link',
      onclick: (e) => {
        e.preventDefault();
        views[state.view].focusTimeline();
      },
    },
    'Skip to Play and Step',
  );
  const tabs = VIEWS.map((v) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${v}`,
        'aria-controls': `view-${v}`,
        'data-testid': `tab-${v}`,
        onclick: () => show(v),
        onkeydown: (e) => {
          const k = (e as KeyboardEvent).key;
          if (k !== 'ArrowRight' && k !== 'ArrowLeft') return;
          const next = VIEWS[(VIEWS.indexOf(v) + (k === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length]!;
          show(next);
          document.getElementById(`tab-${next}`)!.focus();
        },
      },
      TITLES[v],
    ),
  );
  const status = h('p', { class: 'copied', 'aria-live': 'polite', 'data-testid': 'share-status' });
  const show = (v: View): void => {
    state.view = v;
    tabs.forEach((t, i) => {
      const on = VIEWS[i] === v;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
    });
    for (const k of VIEWS) views[k].element.hidden = k !== v;
    skip.textContent = v === 'graph' ? 'Skip to the graph' : v === 'train' ? 'Skip to Train and Step' : 'Skip to Play and Step';
    views[v].shown?.();
    save();
  };
  const copy = async (text: string, what: string): Promise<void> => {
    const box = document.getElementById('share-text') as HTMLTextAreaElement;
    box.value = text;
    box.parentElement!.hidden = false;
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = `${what} copied to the clipboard.`;
    } catch {
      box.select();
      status.textContent = `${what} is in the box below; copy it from there.`;
    }
  };
  app.append(
    skip,
    h(
      'header',
      {},
      h('h1', {}, 'gradlab playground'),
      h('nav', { role: 'tablist', 'aria-label': 'views' }, ...tabs),
      h(
        'div',
        { class: 'share' },
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'share-link',
            onclick: () => void copy(`${location.origin}${location.pathname}#${encodeState(state)}`, 'The link'),
          },
          'Share link',
        ),
        h(
          'button',
          {
            type: 'button',
            'data-testid': 'copy-code',
            onclick: () => void copy(copyAsCode(state, race.race?.surface ?? null), 'The code'),
          },
          'Copy as code',
        ),
      ),
    ),
    banner,
    h(
      'div',
      { class: 'share-box', hidden: true },
      h('label', { for: 'share-text' }, 'Shared text'),
      h('textarea', { id: 'share-text', rows: 8, readonly: true, 'data-testid': 'share-text' }),
    ),
    status,
    h('main', {}, race.element, train.element, graph.element),
    h(
      'footer',
      {},
      'Runs gradlab itself in your browser, in float64: the numbers here are the numbers a gradlab script gives. ',
      h('span', { 'data-testid': 'kernels' }, kernelText()),
    ),
  );
  show(state.view);
  Object.assign(window, { __playground: { state, race, train, graph } });
}

/**
 * Which kernels run, as initKernels left them. Chromium gives any page shared WebAssembly memory, so the matrix
 * products run in WebAssembly with or without cross-origin isolation; where a browser keeps shared memory for
 * isolated pages only, they run in TypeScript and the footer says why.
 */
function kernelText(): string {
  const k = kernelStatus();
  const isolated = globalThis.crossOriginIsolated;
  const matmul =
    k.matmul === 'wasm'
      ? `WebAssembly (${k.threads === 1 ? 'one thread' : `${k.threads} threads`})`
      : k.adam === 'wasm' && !isolated
        ? 'TypeScript (they need shared WebAssembly memory, which this browser gives only to cross-origin isolated pages)'
        : 'TypeScript';
  return (
    `Kernels: matrix products in ${matmul}, the Adam step in ${k.adam === 'wasm' ? 'WebAssembly' : 'TypeScript'}; ` +
    `the numbers are bit-identical either way. This page is ${isolated ? '' : 'not '}cross-origin isolated.`
  );
}

// The WebAssembly kernels load first so every number on the page comes from one set of kernels
// (they agree bit for bit anyway); where they cannot run, the TypeScript kernels do the work.
initKernels()
  .catch(() => undefined)
  .finally(start);
