/** Small DOM helpers: no framework, native controls with labels. */
import { formatTickNumber } from 'gradlab';
import { type Checked, type NumberRule, checkNumber, describeRule } from '../state/limits.ts';

type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

let ids = 0;
export const uid = (prefix: string): string => `${prefix}-${++ids}`;

/**
 * A number for people: `digits` significant digits at most, no trailing zeros, a real minus sign, exponent form
 * when tiny or huge: gradlab's formatTickNumber, the rule every picture's ticks follow.
 */
export function fmt(x: number | undefined, digits = 4): string {
  if (x === undefined) return '—';
  return formatTickNumber(x, digits, false);
}

/** A signed change: +0.0031 or −0.0031. */
export const fmtSigned = (x: number): string => (x > 0 ? '+' : '') + fmt(x);

/** A labelled <select>; `data-key` (default: the label) names it for keeping focus across re-renders. */
export function select(
  label: string,
  options: readonly (string | [string, string])[],
  value: string,
  onChange: (v: string) => void,
  attrs: Attrs = {},
): HTMLElement {
  const id = uid('sel');
  const el = h(
    'select',
    { id, 'data-key': label, ...attrs, onchange: (e) => onChange((e.target as HTMLSelectElement).value) },
    ...options.map((o) => {
      const [v, text] = typeof o === 'string' ? [o, o] : o;
      return h('option', { value: v, selected: v === value }, text);
    }),
  );
  return h('div', { class: 'field' }, h('label', { for: id }, label), el);
}

/**
 * A labelled input checked as you type: what is wrong shows under it (tied by aria-describedby, announced
 * politely) and the input is marked invalid; a good value is committed on change (Enter or leaving the box),
 * a bad one never is, and the typed text stays for fixing.
 */
export function checkedInput<T>(
  label: string,
  text: string,
  check: (text: string, input: HTMLInputElement) => Checked<T>,
  commit: (v: T) => void,
  attrs: Attrs = {},
): HTMLElement {
  const id = uid('in');
  const input = h('input', {
    id,
    type: 'text',
    value: text,
    autocomplete: 'off',
    'data-key': label,
    'aria-describedby': `${id}-error`,
    ...attrs,
  });
  const error = h('p', {
    id: `${id}-error`,
    class: 'error',
    'aria-live': 'polite',
    'data-testid': `${String(attrs['data-testid'] ?? id)}-error`,
  });
  const run = (): Checked<T> => {
    const result = check(input.value, input);
    // The message sits right under its box (and is read with it): it needs no label of its own.
    error.textContent = result.error ?? '';
    if (result.error === null) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', 'true');
    return result;
  };
  input.addEventListener('input', run);
  input.addEventListener('change', () => {
    const result = run();
    if (result.error === null) commit(result.value);
  });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, error);
}

/** A labelled number box under `rule` (see checkedInput); the value is committed only when the rule holds. */
export function numberBox(label: string, value: number, rule: NumberRule, onChange: (v: number) => void, attrs: Attrs = {}): HTMLElement {
  return checkedInput(
    label,
    String(value),
    // A number box reads '' for text it cannot parse ("1e", "--2"): say so rather than "empty".
    (text, input) =>
      input.validity.badInput ? { value: null, error: `not a number; type ${describeRule(rule)}` } : checkNumber(text, rule),
    onChange,
    { type: 'number', inputmode: 'decimal', min: rule.min, max: rule.max, step: rule.whole ? 1 : 'any', ...attrs },
  );
}

/**
 * A range slider with its value beside it; `log` sliders move the exponent. The slider's accessible
 * name is the label, its aria-valuetext the exact value.
 */
export function slider(
  label: string,
  value: number,
  range: { min: number; max: number; log: boolean },
  onInput: (v: number) => void,
  testId?: string,
): HTMLElement {
  const id = uid('rng');
  const toPos = (v: number) => (range.log ? Math.log10(Math.max(v, range.min)) : v);
  const lo = toPos(range.min),
    hi = toPos(range.max);
  const stepSize = range.log ? 0.01 : (hi - lo) / 1000;
  const input = h('input', {
    id,
    type: 'range',
    min: lo,
    max: hi,
    step: stepSize,
    value: toPos(value),
    'data-testid': testId,
    'data-key': label,
  });
  const out = h('output', { for: id }, fmt(value, 3));
  input.setAttribute('aria-valuetext', fmt(value, 3));
  input.addEventListener('input', () => {
    const p = Number(input.value);
    const v = range.log ? Number((10 ** p).toPrecision(3)) : Number(p.toFixed(4));
    out.textContent = fmt(v, 3);
    input.setAttribute('aria-valuetext', fmt(v, 3));
    onInput(v);
  });
  return h('div', { class: 'field slider' }, h('label', { for: id }, label), input, out);
}

export function checkbox(label: string, value: boolean, onChange: (v: boolean) => void): HTMLElement {
  const id = uid('chk');
  const input = h('input', {
    id,
    type: 'checkbox',
    checked: value,
    'data-key': label,
    onchange: (e) => onChange((e.target as HTMLInputElement).checked),
  });
  return h('div', { class: 'field check' }, input, h('label', { for: id }, label));
}
