/** Small DOM helpers: no framework, native controls with labels. */
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

/** A number for people: 4 significant digits, a real minus sign, exponent form when tiny or huge. */
export function fmt(x: number | undefined, digits = 4): string {
  if (x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const text = a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(digits))) : x.toExponential(digits - 1).replace('e+', 'e');
  return text.replace(/-/g, '−');
}

/** A signed change: +0.0031 or −0.0031. */
export const fmtSigned = (x: number): string => (x > 0 ? '+' : '') + fmt(x);

/** A labelled <select>. */
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
    { id, ...attrs, onchange: (e) => onChange((e.target as HTMLSelectElement).value) },
    ...options.map((o) => {
      const [v, text] = typeof o === 'string' ? [o, o] : o;
      return h('option', { value: v, selected: v === value }, text);
    }),
  );
  return h('div', { class: 'field' }, h('label', { for: id }, label), el);
}

/** A labelled number box that commits on change (Enter or leaving it). */
export function numberBox(label: string, value: number, onChange: (v: number) => void, attrs: Attrs = {}): HTMLElement {
  const id = uid('num');
  const input = h('input', { id, type: 'number', value: String(value), inputmode: 'decimal', ...attrs });
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (input.value !== '' && Number.isFinite(v)) onChange(v);
    else input.value = String(value);
  });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
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
  const input = h('input', { id, type: 'range', min: lo, max: hi, step: stepSize, value: toPos(value), 'data-testid': testId });
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
  const input = h('input', { id, type: 'checkbox', checked: value, onchange: (e) => onChange((e.target as HTMLInputElement).checked) });
  return h('div', { class: 'field check' }, input, h('label', { for: id }, label));
}
