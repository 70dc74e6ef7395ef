import { isSurfaceName } from 'gradlab';
import { decodeMethod, encodeMethod } from './method-codec.ts';
import type { MethodSettings } from './methods.ts';
import { LIMITS, type NumberRule, checkHidden, checkNumber, describeRule } from './limits.ts';
import { ACTIVATIONS, DATASETS, MAX_RACERS, type PlaygroundState, VIEWS, defaultRace, defaultState } from './schema.ts';

/** The URL format's version; a link of another version is read where it fits and the rest is named as ignored. */
export const URL_VERSION = 1;

const enc = (v: string): string =>
  encodeURIComponent(v).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';').replace(/%2F/g, '/');

/** The whole experiment as a URL fragment (without '#'). */
export function encodeState(st: PlaygroundState): string {
  const r = st.race,
    t = st.train;
  const pairs: [string, string][] = [
    ['v', String(URL_VERSION)],
    ['view', st.view],
    ['f', r.surface],
  ];
  if (r.surface === 'custom') pairs.push(['expr', r.expr]);
  pairs.push(['start', `${r.start[0]},${r.start[1]}`], ['steps', String(r.steps)], ['seed', String(r.seed)]);
  r.methods.forEach((m, i) => pairs.push([`m${i}`, encodeMethod(m)]));
  pairs.push(['sel', String(r.selected)], ['t', String(r.step)]);
  pairs.push(
    ['data', t.data],
    ['n', String(t.n)],
    ['noise', String(t.noise)],
    ['dseed', String(t.dataSeed)],
    ['hidden', t.hidden.join(',')],
    ['act', t.activation],
    ['iseed', String(t.initSeed)],
    ['opt', encodeMethod(t.optimizer)],
    ['bs', String(t.batch)],
    ['ts', String(t.step)],
    ['wa', t.sliceA],
    ['wb', t.sliceB],
    ['ex', String(t.example)],
  );
  return pairs.map(([k, v]) => `${k}=${enc(v)}`).join('&');
}

export interface Decoded {
  state: PlaygroundState;
  /** What was ignored, one item per problem ("start=abc (expected two numbers x,y)"). */
  ignored: string[];
  /** The sentence to show, or null when the link was read in full. */
  message: string | null;
}

const int =
  (lo: number, hi: number) =>
  (v: string): number | null =>
    checkNumber(v, { whole: true, min: lo, max: hi }).value;
/** A setting the controls also check: the same rule, described in the same words. */
const ruled = (rule: NumberRule): [(v: string) => number | null, string] => [(v) => checkNumber(v, rule).value, describeRule(rule)];
const oneOf =
  <T extends string>(list: readonly T[]) =>
  (v: string): T | null =>
    (list as readonly string[]).includes(v) ? (v as T) : null;

/** Reads a fragment; never throws: every damaged item is named in `ignored` and left at its default. */
export function decodeState(fragment: string): Decoded {
  const st = defaultState();
  const ignored: string[] = [];
  const text = fragment.replace(/^#/, '');
  if (text === '') return { state: st, ignored, message: null };
  const params = new Map<string, string>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    let value = eq < 0 ? '' : pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      ignored.push(`${key} (not valid URL text)`);
      continue;
    }
    params.set(key, value);
  }
  const version = params.get('v');
  params.delete('v');
  const take = <T>(key: string, parse: (v: string) => T | null, expected: string, apply: (v: T) => void): void => {
    const raw = params.get(key);
    if (raw === undefined) return;
    params.delete(key);
    const v = parse(raw);
    if (v === null) ignored.push(`${key}=${raw} (expected ${expected})`);
    else apply(v);
  };
  take('view', oneOf(VIEWS), VIEWS.join(', '), (v) => (st.view = v));
  take(
    'f',
    (v) => (v === 'custom' || isSurfaceName(v) ? v : null),
    'a surface name or custom',
    (v) => {
      const methods = st.race.methods;
      st.race = v === 'custom' ? { ...st.race, surface: 'custom' } : { ...defaultRace(v), methods };
    },
  );
  take(
    'expr',
    (v) => (v.length <= 300 ? v : null),
    'a formula of at most 300 characters',
    (v) => (st.race.expr = v),
  );
  take(
    'start',
    (v) => {
      const xy = v.split(',').map((c) => checkNumber(c, LIMITS.start).value);
      return xy.length === 2 && xy.every((c) => c !== null) ? (xy as [number, number]) : null;
    },
    'two numbers x,y',
    (v) => (st.race.start = v),
  );
  take('steps', ...ruled(LIMITS.steps), (v) => (st.race.steps = v));
  take('seed', ...ruled(LIMITS.seed), (v) => (st.race.seed = v));
  const methods: MethodSettings[] = [];
  for (let i = 0; i < 20; i++) {
    const raw = params.get(`m${i}`);
    if (raw === undefined) continue;
    params.delete(`m${i}`);
    if (methods.length >= MAX_RACERS) {
      ignored.push(`m${i} (at most ${MAX_RACERS} racers)`);
      continue;
    }
    const m = decodeMethod(raw, `m${i}`, ignored);
    if (m) methods.push(m);
  }
  if (methods.length > 0) st.race.methods = methods;
  take('sel', int(0, st.race.methods.length - 1), `a racer index in [0, ${st.race.methods.length - 1}]`, (v) => (st.race.selected = v));
  if (st.race.selected >= st.race.methods.length) st.race.selected = 0;
  take('t', int(0, st.race.steps), `a step in [0, ${st.race.steps}]`, (v) => (st.race.step = v));
  const tr = st.train;
  if (params.get('data') === 'csv') {
    // The file itself never travels in a link (it may be large or private): say so, not silently train on other data.
    params.delete('data');
    ignored.push(`data=csv (a dropped CSV file is not part of a link; drop the file again, ${tr.data} until then)`);
  }
  take('data', oneOf(DATASETS), DATASETS.join(', '), (v) => (tr.data = v));
  take('n', ...ruled(LIMITS.samples), (v) => (tr.n = v));
  take('noise', ...ruled(LIMITS.noise), (v) => (tr.noise = v));
  take('dseed', ...ruled(LIMITS.seed), (v) => (tr.dataSeed = v));
  take(
    'hidden',
    (v) => checkHidden(v).value,
    'up to 4 layer widths from 1 to 64',
    (v) => (tr.hidden = v),
  );
  take('act', oneOf(ACTIVATIONS), ACTIVATIONS.join(', '), (v) => (tr.activation = v));
  take('iseed', ...ruled(LIMITS.seed), (v) => (tr.initSeed = v));
  const opt = params.get('opt');
  params.delete('opt');
  if (opt !== undefined) tr.optimizer = decodeMethod(opt, 'opt', ignored) ?? tr.optimizer;
  take('bs', ruled(LIMITS.batch)[0], `${describeRule(LIMITS.batch)} (0: the whole set)`, (v) => (tr.batch = v));
  take('ts', ...ruled(LIMITS.trainSteps), (v) => (tr.step = v));
  take(
    'wa',
    (v) => (/^[\w.]+\[\d+\]$/.test(v) ? v : null),
    'a weight such as layers.0.weight[3]',
    (v) => (tr.sliceA = v),
  );
  take(
    'wb',
    (v) => (/^[\w.]+\[\d+\]$/.test(v) ? v : null),
    'a weight such as layers.0.weight[3]',
    (v) => (tr.sliceB = v),
  );
  take('ex', int(0, 1999), 'an example index', (v) => (tr.example = v));
  for (const key of params.keys()) ignored.push(`${key} (not a setting of this page)`);
  const otherVersion = version !== undefined && version !== String(URL_VERSION);
  const head = otherVersion
    ? `This link is from playground version ${version || '(none)'}; this page reads version ${URL_VERSION}.`
    : version === undefined
      ? 'This link has no version; it was read as version 1.'
      : 'Parts of this link could not be read.';
  const message =
    ignored.length === 0 && !otherVersion && version !== undefined
      ? null
      : `${head} ${ignored.length === 0 ? 'Every setting in it was read.' : `Ignored (defaults used instead): ${ignored.join('; ')}.`}`;
  return { state: st, ignored, message };
}
