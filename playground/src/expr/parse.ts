/**
 * A typed surface f(x, y) → syntax tree. Grammar (loosest first):
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary | implicit unary)*      2x, 3(x+1), x y
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?                             right-associative; −x^2 = −(x²)
 *   primary := number | x | y | e | pi | name '(' sum ')' | '(' sum ')'
 * Also accepted, so formulas can be pasted from the surfaces' captions: ** for ^, · and × for *,
 * − for -, and superscript powers x² x³ x⁴.
 */

export type Node =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: 'x' | 'y' }
  | { kind: 'neg'; arg: Node }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/' | '^'; left: Node; right: Node }
  | { kind: 'call'; fn: FunctionName; arg: Node };

export const FUNCTIONS = ['exp', 'log', 'sqrt', 'abs', 'tanh', 'sigmoid', 'relu'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** A typed function that does not parse; `column` is 1-based. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    readonly reason: string,
    readonly column: number,
    readonly expected: string,
  ) {
    super(`${reason} at column ${column}${expected ? `: expected ${expected}` : ''}`);
  }
}

interface Token {
  type: 'num' | 'name' | 'op' | 'end';
  text: string;
  column: number;
  value?: number;
}

const SUPERSCRIPTS: Record<string, string> = { '²': '2', '³': '3', '⁴': '4' };
const SYNONYMS: Record<string, string> = { '·': '*', '×': '*', '−': '-', '**': '^' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const column = i + 1;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({ type: 'num', text: number[0], column, value: Number(number[0]) });
      i += number[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const name = /^[A-Za-z_][A-Za-z_0-9]*/.exec(text.slice(i))![0];
      tokens.push({ type: 'name', text: name, column });
      i += name.length;
    } else if (text.startsWith('**', i)) {
      tokens.push({ type: 'op', text: '^', column });
      i += 2;
    } else if (SUPERSCRIPTS[ch] !== undefined) {
      tokens.push({ type: 'op', text: '^', column }, { type: 'num', text: ch, column, value: Number(SUPERSCRIPTS[ch]) });
      i++;
    } else if ('+-*/^()'.includes(ch) || SYNONYMS[ch] !== undefined) {
      tokens.push({ type: 'op', text: SYNONYMS[ch] ?? ch, column });
      i++;
    } else {
      throw new ParseError(`unexpected ${ch}`, column, 'a number, x, y, a function, an operator (+ - * / ^) or a parenthesis');
    }
  }
  tokens.push({ type: 'end', text: 'end of input', column: text.length + 1 });
  return tokens;
}

const OPERAND = 'a number, x, y, a function such as exp( or (';

/** Parses `text`; throws ParseError naming the column and what was expected there. */
export function parseExpression(text: string): Node {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const isOp = (t: Token, ...ops: string[]): boolean => t.type === 'op' && ops.includes(t.text);
  const fail = (t: Token, expected: string): never => {
    throw new ParseError(t.type === 'end' ? 'unexpected end of input' : `unexpected ${t.text}`, t.column, expected);
  };

  function sum(): Node {
    let left = product();
    while (isOp(peek(), '+', '-')) {
      const op = next().text as '+' | '-';
      left = { kind: 'bin', op, left, right: product() };
    }
    return left;
  }
  function product(): Node {
    let left = unary();
    for (;;) {
      const t = peek();
      if (isOp(t, '*', '/')) {
        next();
        left = { kind: 'bin', op: t.text as '*' | '/', left, right: unary() };
      } else if (t.type === 'num' || t.type === 'name' || isOp(t, '(')) {
        left = { kind: 'bin', op: '*', left, right: unary() };
      } else return left;
    }
  }
  function unary(): Node {
    if (isOp(peek(), '-')) {
      next();
      return { kind: 'neg', arg: unary() };
    }
    if (isOp(peek(), '+')) next();
    return power();
  }
  function power(): Node {
    const base = primary();
    if (!isOp(peek(), '^')) return base;
    next();
    return { kind: 'bin', op: '^', left: base, right: unary() };
  }
  function primary(): Node {
    const t = next();
    if (t.type === 'num') return { kind: 'num', value: t.value! };
    if (isOp(t, '(')) {
      const inner = sum();
      if (!isOp(peek(), ')')) fail(peek(), `) to close the ( at column ${t.column}`);
      next();
      return inner;
    }
    if (t.type === 'name') {
      const name = t.text;
      if (name === 'x' || name === 'y') return { kind: 'var', name };
      if (name === 'e') return { kind: 'num', value: Math.E };
      if (name === 'pi') return { kind: 'num', value: Math.PI };
      if (name === 'ln') return call('log', t);
      if ((FUNCTIONS as readonly string[]).includes(name)) return call(name as FunctionName, t);
      throw new ParseError(`unknown name ${name}`, t.column, `x, y, e, pi or a function (${FUNCTIONS.join(', ')})`);
    }
    return fail(t, OPERAND);
  }
  function call(fn: FunctionName, t: Token): Node {
    if (!isOp(peek(), '(')) fail(peek(), `( after ${t.text}`);
    const open = next();
    const arg = sum();
    if (!isOp(peek(), ')')) fail(peek(), `) to close the ( at column ${open.column}`);
    next();
    return { kind: 'call', fn, arg };
  }

  if (peek().type === 'end') fail(peek(), OPERAND);
  const tree = sum();
  if (peek().type !== 'end') fail(peek(), 'an operator (+ - * / ^) or the end');
  return tree;
}
