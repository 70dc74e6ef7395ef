import { Tensor, add, div, mul, sub } from 'gradlab';
import { type Node, parseExpression } from './parse.ts';

/** f(x, y) built from gradlab tensor ops, so its gradient comes from autograd; x and y may be any (equal) shape. */
export type SurfaceFn = (x: Tensor, y: Tensor) => Tensor;
type Value = Tensor | number;

/** Folds constant sub-trees to numbers: exponents must be constants for `pow`, and 2·3 needs no graph. */
export function constant(node: Node): number | null {
  switch (node.kind) {
    case 'num':
      return node.value;
    case 'var':
      return null;
    case 'neg': {
      const a = constant(node.arg);
      return a === null ? null : -a;
    }
    case 'call': {
      const a = constant(node.arg);
      if (a === null) return null;
      const f = {
        exp: Math.exp,
        log: Math.log,
        sqrt: Math.sqrt,
        abs: Math.abs,
        tanh: Math.tanh,
        sigmoid: (v: number) => 1 / (1 + Math.exp(-v)),
        relu: (v: number) => Math.max(0, v),
      }[node.fn];
      return f(a);
    }
    case 'bin': {
      const a = constant(node.left),
        b = constant(node.right);
      if (a === null || b === null) return null;
      return node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : node.op === '/' ? a / b : a ** b;
    }
  }
}

function evaluate(node: Node, x: Tensor, y: Tensor): Value {
  const c = constant(node);
  if (c !== null) return c;
  switch (node.kind) {
    case 'var':
      return node.name === 'x' ? x : y;
    case 'neg':
      return (evaluate(node.arg, x, y) as Tensor).neg();
    case 'call': {
      const a = evaluate(node.arg, x, y) as Tensor;
      return a[node.fn]();
    }
    case 'bin': {
      const a = evaluate(node.left, x, y),
        b = evaluate(node.right, x, y);
      switch (node.op) {
        case '+':
          return add(a, b);
        case '-':
          return sub(a, b);
        case '*':
          return mul(a, b);
        case '/':
          return div(a, b);
        case '^': {
          const p = constant(node.right);
          // aᵖ for a constant p; otherwise aᵇ = exp(b·log a), defined for a > 0.
          if (p !== null) return (a as Tensor).pow(p);
          const base = typeof a === 'number' ? new Tensor(Float64Array.of(a), []) : a;
          return mul(b, base.log()).exp();
        }
      }
    }
    // 'num' is always folded above, so it never reaches here.
    // eslint-disable-next-line no-fallthrough -- every case above returns
    default:
      throw new Error('unreachable');
  }
}

/** Parses and compiles `text` (throws ParseError). A constant function still returns a tensor of x's shape. */
export function compileSurface(text: string): SurfaceFn {
  const tree = parseExpression(text);
  return (x, y) => {
    const out = evaluate(tree, x, y);
    return typeof out === 'number' ? add(mul(x, 0), out) : out;
  };
}

/** The formula as gradlab code, `(x: Tensor, y: Tensor) => …`, built the way compileSurface builds it. */
export function surfaceCode(text: string): string {
  const code = (node: Node): string => {
    const c = constant(node);
    if (c !== null) return String(c);
    switch (node.kind) {
      case 'var':
        return node.name;
      case 'neg':
        return `neg(${code(node.arg)})`;
      case 'call':
        return `${node.fn}(${code(node.arg)})`;
      case 'bin': {
        if (node.op === '^') {
          const p = constant(node.right);
          if (p !== null) return `pow(${code(node.left)}, ${p})`;
          // A constant base's log is a number (gradlab's log takes tensors); Math.log gives the same value.
          const base = constant(node.left);
          return `exp(mul(${code(node.right)}, ${base !== null ? String(Math.log(base)) : `log(${code(node.left)})`}))`;
        }
        const fn = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' }[node.op];
        return `${fn}(${code(node.left)}, ${code(node.right)})`;
      }
      default:
        return 'NaN';
    }
  };
  const tree = parseExpression(text);
  const c = constant(tree);
  return c !== null ? `add(mul(x, 0), ${c})` : code(tree);
}
