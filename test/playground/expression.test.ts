import { describe, expect, it } from 'vitest';
import { Tensor } from 'gradlab';
import { ParseError, parseExpression } from '../../playground/src/expr/parse.ts';
import { compileSurface } from '../../playground/src/expr/compile.ts';

const scalar = (v: number) => new Tensor(Float64Array.of(v), [1], true);

function valueAndGrad(text: string, x0: number, y0: number): [number, number, number] {
  const x = scalar(x0),
    y = scalar(y0);
  const out = compileSurface(text)(x, y);
  out.backward();
  return [out.item(), x.grad?.data[0] ?? 0, y.grad?.data[0] ?? 0];
}

function parseError(text: string): ParseError {
  try {
    parseExpression(text);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`'${text}' parsed`);
}

describe('typed surfaces', () => {
  it('Rosenbrock: value and autograd gradient match the hand-derived ones', () => {
    // f = (1−x)² + 100(y−x²)²; ∂f/∂x = −2(1−x) − 400x(y−x²); ∂f/∂y = 200(y−x²). At (−1.2, 1): y−x² = −0.44.
    const [f, gx, gy] = valueAndGrad('(1-x)^2 + 100*(y-x^2)^2', -1.2, 1);
    expect(f).toBeCloseTo(2.2 ** 2 + 100 * 0.44 ** 2, 12);
    expect(gx).toBeCloseTo(-2 * 2.2 - 400 * -1.2 * -0.44, 10);
    expect(gy).toBeCloseTo(200 * -0.44, 10);
  });

  it('precedence: −x^2 is −(x²), powers are right-associative, implicit products', () => {
    expect(valueAndGrad('-x^2', 3, 0)[0]).toBe(-9);
    expect(valueAndGrad('2^3^2', 0, 0)[0]).toBe(512);
    expect(valueAndGrad('2x y + 3(x+1)', 2, 5)[0]).toBe(29);
    expect(valueAndGrad('x² + y²', 3, 4)[0]).toBe(25);
    expect(valueAndGrad('0.01·x² + 2·y²', 10, 1)[0]).toBeCloseTo(3, 14);
  });

  it('functions and variable exponents take gradients through autograd', () => {
    // d/dx exp(x)·sqrt(y) = exp(x)·√y; d/dy = exp(x)/(2√y).
    const [, gx, gy] = valueAndGrad('exp(x)*sqrt(y)', 0.5, 4);
    expect(gx).toBeCloseTo(Math.exp(0.5) * 2, 12);
    expect(gy).toBeCloseTo(Math.exp(0.5) / 4, 12);
    // x^y = exp(y ln x): ∂/∂y = x^y ln x.
    const [v, , gy2] = valueAndGrad('x^y', 2, 3);
    expect(v).toBeCloseTo(8, 12);
    expect(gy2).toBeCloseTo(8 * Math.log(2), 12);
  });

  it('a constant function still has a gradient (zero)', () => {
    expect(valueAndGrad('3', 1, 1)).toEqual([3, 0, 0]);
  });

  it('evaluates a whole grid in one pass', () => {
    const f = compileSurface('x*y');
    const out = f(new Tensor(Float64Array.of(1, 2, 3), [3]), new Tensor(Float64Array.of(4, 5, 6), [3]));
    expect(Array.from(out.data)).toEqual([4, 10, 18]);
  });

  it('errors name the column and what was expected', () => {
    expect(parseError('x^^2').message).toBe('unexpected ^ at column 3: expected a number, x, y, a function such as exp( or (');
    expect(parseError('(x + 1').message).toBe('unexpected end of input at column 7: expected ) to close the ( at column 1');
    expect(parseError('sin(x)').message).toMatch(/^unknown name sin at column 1: expected x, y, e, pi or a function \(exp, log/);
    expect(parseError('x + $').column).toBe(5);
    expect(parseError('').message).toMatch(/^unexpected end of input at column 1/);
    expect(parseError('x y)').message).toBe('unexpected ) at column 4: expected an operator (+ - * / ^) or the end');
  });
});
