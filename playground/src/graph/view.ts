import { graphToText } from 'gradlab';
import type { Trainer } from '../train/engine.ts';
import type { TrainState } from '../state/schema.ts';
import { fmt, h, numberBox } from '../ui/dom.ts';
import { keepingFocus } from '../ui/focus.ts';
import { FD_STEP, type GraphNode, finiteDifferenceCheck, lossGraph } from './forward.ts';

const shortList = (a: Float64Array | null, max = 4): string =>
  a === null ? '—' : `[${Array.from(a.slice(0, max), (v) => fmt(v, 3)).join(', ')}${a.length > max ? ', …' : ''}]`;

/** The loss graph of the current network for one example; a node shows its numbers and a finite-difference check. */
export class GraphView {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'graph', 'data-testid': 'graph' });
  private readonly detail = h('div', { class: 'node-detail', 'aria-live': 'polite', 'data-testid': 'node-detail' });
  private readonly text = h('pre', { class: 'graph-text', tabindex: 0, 'aria-label': 'the graph as text (gradlab graphToText)' });
  private readonly header = h('div', {});
  private nodes: GraphNode[] = [];
  private grads = new Map<number, Float64Array | null>();
  private example: { x: [number, number]; label: number } = { x: [0, 0], label: 0 };

  constructor(
    private readonly state: TrainState,
    private readonly trainer: () => Trainer,
    private readonly saved: () => void,
  ) {
    this.element = h(
      'section',
      { id: 'view-graph', class: 'view', 'aria-labelledby': 'tab-graph' },
      h(
        'div',
        { class: 'controls' },
        this.header,
        h(
          'p',
          { class: 'hint' },
          'The network of "Train a network" at its current step, for one training example. Each node shows its value and the gradient of the loss with respect to it (backward()). Choose a node to compare that gradient with central finite differences.',
        ),
      ),
      h('div', { class: 'stage' }, this.list),
      h('div', { class: 'side' }, h('h2', {}, 'Node'), this.detail, h('details', {}, h('summary', {}, 'Text view'), this.text)),
    );
  }

  /** Called when the view is shown: rebuild from the trainer's current network. */
  shown(): void {
    const train = this.trainer().split.train;
    const n = train.y.length;
    const i = Math.min(this.state.example, n - 1);
    keepingFocus(this.header, () =>
      this.header.replaceChildren(
        numberBox(
          `training example (0–${n - 1})`,
          i,
          { whole: true, min: 0, max: n - 1 },
          (v) => {
            this.state.example = v;
            this.shown();
          },
          { 'data-testid': 'example', 'data-key': 'example' },
        ),
      ),
    );
    this.example = { x: [train.x.data[2 * i]!, train.x.data[2 * i + 1]!], label: train.y[i]! };
    const model = this.trainer().model;
    for (const p of model.parameters()) p.grad = null;
    const { nodes, loss } = lossGraph(model, this.example.x, this.example.label);
    loss.backward();
    this.nodes = nodes;
    // Copies: the weights' .grad is cleared below so training is untouched by this look.
    this.grads = new Map(nodes.map((n) => [n.id, n.tensor.grad ? Float64Array.from(n.tensor.grad.data) : null]));
    const names = new Map(nodes.filter((n) => n.kind !== 'op').map((n) => [n.tensor, n.label]));
    this.text.textContent = graphToText(loss, { names });
    this.list.replaceChildren(
      ...nodes.map((n) =>
        h(
          'li',
          { class: `node ${n.kind}` },
          h(
            'button',
            { type: 'button', 'data-node': n.id, onclick: () => this.select(n) },
            h('span', { class: 'node-id' }, `#${n.id}`),
            ' ',
            h('strong', {}, n.label),
            ` [${n.tensor.shape.join('×') || 'scalar'}]`,
            n.inputs.length ? h('span', { class: 'inputs' }, ` ← ${n.inputs.map((k) => `#${k}`).join(', ')}`) : '',
            h('span', { class: 'vals' }, `value ${shortList(n.tensor.data)}  grad ${shortList(n.tensor.grad?.data ?? null)}`),
          ),
        ),
      ),
    );
    this.detail.replaceChildren(
      h(
        'p',
        {},
        `Example ${i}: x = (${fmt(this.example.x[0])}, ${fmt(this.example.x[1])}), label ${this.example.label}, loss ${fmt(loss.item(), 5)}. Choose a node.`,
      ),
    );
    for (const p of model.parameters()) p.grad = null;
    this.saved();
  }

  /** Focuses the first node, where the skip link leads. */
  focusTimeline(): void {
    this.list.querySelector('button')?.focus();
  }

  select(n: GraphNode): void {
    const grad = this.grads.get(n.id) ?? null;
    if (grad === null) {
      this.detail.replaceChildren(h('p', {}, `#${n.id} ${n.label} has no gradient.`));
      return;
    }
    const rows = finiteDifferenceCheck(this.trainer().model, this.example.x, this.example.label, n.id, grad);
    // gradcheck's rule: |autograd − fd| ≤ atol + rtol·|fd|, atol 1e-8, rtol 1e-4.
    const worst = Math.max(...rows.map((r) => Math.abs(r.autograd - r.finiteDifference) / (1e-8 + 1e-4 * Math.abs(r.finiteDifference))));
    const ok = worst <= 1;
    const biggest = Math.max(...rows.map((r) => Math.abs(r.autograd - r.finiteDifference)));
    this.detail.replaceChildren(
      h('p', {}, h('strong', {}, `#${n.id} ${n.label}`), ` shape [${n.tensor.shape.join('×') || 'scalar'}], ${n.tensor.size} element(s)`),
      h(
        'table',
        { class: 'inspector', 'data-testid': 'fd-table' },
        h('caption', {}, `∂loss/∂(${n.label}): autograd vs (L(v+h) − L(v−h))/2h, h = ${FD_STEP}`),
        h('thead', {}, h('tr', {}, ...['element', 'value', 'autograd', 'finite diff.'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, String(r.element)),
              h('td', {}, fmt(n.tensor.data[r.element], 5)),
              h('td', { 'data-exact': String(r.autograd) }, fmt(r.autograd, 6)),
              h('td', { 'data-exact': String(r.finiteDifference) }, fmt(r.finiteDifference, 6)),
            ),
          ),
        ),
      ),
      h(
        'p',
        { class: ok ? 'ok' : 'error', 'data-testid': 'fd-verdict' },
        ok
          ? `Agree: largest difference ${fmt(biggest, 2)}, within 1e−8 + 1e−4·|finite difference|.`
          : `Differ by up to ${fmt(biggest, 2)}, more than 1e−8 + 1e−4·|finite difference|: near a kink (ReLU at 0) the two sides have different slopes.`,
      ),
      n.tensor.size > rows.length ? h('p', { class: 'hint' }, `First ${rows.length} of ${n.tensor.size} elements.`) : '',
    );
    // On a phone the panel sits below the graph: bring it into view.
    this.detail.scrollIntoView({ block: 'nearest' });
  }
}
