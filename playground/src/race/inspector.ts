import type { TraceEntry } from 'gradlab';
import { fmt, fmtSigned, h } from '../ui/dom.ts';
import type { MethodSettings } from '../state/methods.ts';

/** Friendly names of the optimizers' state buffers. */
const BUFFER_LABELS: Record<string, string> = {
  expAvg: 'm (1st moment)',
  expAvgSq: 'v (2nd moment)',
  maxExpAvgSq: 'max v (AMSGrad)',
  expInf: 'u (∞-norm)',
  velocity: 'b (velocity)',
  sum: 's (Σ g²)',
  squareAvg: 's (avg g²)',
  gradAvg: 'avg g',
  momentumBuffer: 'b (momentum)',
};

export interface StepDetail {
  entries: TraceEntry[];
  lr: number;
  lossBefore: number;
  lossAfter: number;
  /** vᵀHv/vᵀv for v the step just taken and H the surface's Hessian where it started. */
  curvature?: number;
}

/** One row: a label, the x value, the y value; cells carry the exact number for copying (and tests). */
function row(label: string, xs: readonly (number | undefined)[], key: string): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-row': key },
    h('th', { scope: 'row' }, label),
    ...xs.map((v) => h('td', { 'data-exact': v === undefined ? '' : String(v) }, fmt(v, 5))),
  );
}

/** The inspector table for the selected racer at step t: g, state, m̂, v̂, effective lr, Δ, loss. */
export function inspectorTable(d: StepDetail): HTMLElement {
  const [ex, ey] = d.entries;
  if (!ex || !ey) return h('p', {}, 'Step 0: no update yet. Step forward to see the first one.');
  const both = (f: (e: TraceEntry) => number | undefined) => [f(ex), f(ey)];
  const rows = [
    row(
      'g (gradient)',
      both((e) => e.grad[0]),
      'g',
    ),
  ];
  for (const key of Object.keys(ex.state))
    rows.push(
      row(
        BUFFER_LABELS[key] ?? key,
        both((e) => e.state[key]?.[0]),
        key,
      ),
    );
  if (ex.derived.mHat)
    rows.push(
      row(
        'm̂ = m/(1−β1ᵗ)',
        both((e) => e.derived.mHat?.[0]),
        'mHat',
      ),
    );
  if (ex.derived.vHat)
    rows.push(
      row(
        'v̂ = v/(1−β2ᵗ)',
        both((e) => e.derived.vHat?.[0]),
        'vHat',
      ),
    );
  rows.push(
    row(
      'effective lr −Δ/g',
      both((e) => e.effectiveLr[0]),
      'effectiveLr',
    ),
  );
  rows.push(
    h(
      'tr',
      { 'data-row': 'curvature' },
      h('th', { scope: 'row' }, 'curvature along Δ, vᵀHv/vᵀv'),
      h('td', { colspan: '2', 'data-exact': d.curvature === undefined ? '' : String(d.curvature) }, fmt(d.curvature, 5)),
    ),
  );
  rows.push(
    row(
      'Δ (update)',
      both((e) => e.update[0]),
      'update',
    ),
  );
  rows.push(
    row(
      'value after',
      both((e) => e.after[0]),
      'after',
    ),
  );
  return h(
    'table',
    { class: 'inspector', 'data-testid': 'inspector' },
    h('caption', {}, `Step ${ex.step}: lr in force ${fmt(d.lr, 5)}; loss ${fmt(d.lossBefore, 5)} → ${fmt(d.lossAfter, 5)}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'quantity'), h('th', { scope: 'col' }, 'x'), h('th', { scope: 'col' }, 'y'))),
    h('tbody', {}, ...rows),
  );
}

/** The update rule for coordinate x written out with this step's numbers. */
export function equation(s: MethodSettings, d: StepDetail): string {
  const e = d.entries[0];
  if (!e) return '';
  const g = e.grad[0]!,
    before = e.before[0]!,
    after = e.after[0]!,
    lr = d.lr,
    t = e.step;
  const st = (k: string) => e.state[k]?.[0];
  switch (s.method) {
    case 'gd':
    case 'sgd':
    case 'minibatch':
      return `x ← x − η·g = ${fmt(before)} − ${fmt(lr)}·${paren(g)} = ${fmt(after)}`;
    case 'momentum': {
      const b = st('velocity')!;
      const rule = s.nesterov
        ? `x ← x − η·(g + μ·b) = ${fmt(before)} − ${fmt(lr)}·(${fmt(g)} + ${fmt(s.momentum)}·${paren(b)})`
        : `x ← x − η·b = ${fmt(before)} − ${fmt(lr)}·${paren(b)}`;
      return `b ← μ·b + g = ${fmt(b)};  ${rule} = ${fmt(after)}`;
    }
    case 'adagrad':
      return `s ← s + g² = ${fmt(st('sum'))};  x ← x − η·g/(√s + ε) = ${fmt(before)} − ${fmt(lr)}·${paren(g)}/(${fmt(Math.sqrt(st('sum')!))} + ${fmt(s.eps)}) = ${fmt(after)}`;
    case 'rmsprop':
      return `s ← β·s + (1−β)·g² = ${fmt(st('squareAvg'))};  x ← x − η·g/(√s + ε) = ${fmt(before)} − ${fmt(lr)}·${paren(g)}/(${fmt(Math.sqrt(st('squareAvg')!))} + ${fmt(s.eps)}) = ${fmt(after)}${s.momentum > 0 ? ' (with momentum buffer)' : ''}`;
    case 'adam':
    case 'adamw': {
      const m = st('expAvg')!,
        v = st('expAvgSq')!;
      const mh = e.derived.mHat?.[0] ?? m,
        vh = e.derived.vHat?.[0] ?? v;
      const decay = s.method === 'adamw' ? ' (after decay θ·(1 − η·λ))' : '';
      return (
        `m ← β1·m + (1−β1)·g = ${fmt(m)};  v ← β2·v + (1−β2)·g² = ${fmt(v)};  ` +
        (s.bias
          ? `m̂ = m/(1−${fmt(s.beta1)}^${t}) = ${fmt(mh)};  v̂ = v/(1−${fmt(s.beta2)}^${t}) = ${fmt(vh)};  `
          : 'no bias correction: m̂ = m, v̂ = v;  ') +
        `x ← x − η·m̂/(√v̂ + ε)${decay} = ${fmt(before)} − ${fmt(lr)}·${paren(mh)}/(${fmt(Math.sqrt(vh))} + ${fmt(s.eps)}) = ${fmt(after)}`
      );
    }
    case 'adamax': {
      const m = st('expAvg')!,
        u = st('expInf')!;
      return `m ← β1·m + (1−β1)·g = ${fmt(m)};  u ← max(β2·u, |g| + ε) = ${fmt(u)};  x ← x − η/(1−β1ᵗ)·m/u = ${fmt(before)} − ${fmt(lr / (1 - s.beta1 ** t))}·${paren(m)}/${fmt(u)} = ${fmt(after)}`;
    }
  }
}

const paren = (v: number): string => (v < 0 ? `(${fmt(v)})` : fmt(v));

/** "step 12: adam moved x by −0.0031 and y by +0.0012, loss 0.412 → 0.398". */
export function stepSentence(method: string, d: StepDetail): string {
  const [ex, ey] = d.entries;
  if (!ex || !ey) return `step 0: ${method} waits at the start, loss ${fmt(d.lossAfter, 3)}`;
  return `step ${ex.step}: ${method} moved x by ${fmtSigned(ex.update[0]!)} and y by ${fmtSigned(ey.update[0]!)}, loss ${fmt(d.lossBefore, 3)} → ${fmt(d.lossAfter, 3)}`;
}
