import type { MLPConfig } from './mlp.ts';
import type { LogisticRegressionConfig } from './logistic.ts';

/**
 * Checks on a stored model that need no model instance, so a file is judged before anything of its
 * size is allocated: the config's fields, and the parameter shapes the config implies against the
 * shapes the file holds.
 */

const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'];
const isWidth = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/** What is wrong with a stored config, or null. Sizes must be positive integers; the type must be known. */
export function configProblem(config: unknown): string | null {
  if (typeof config !== 'object' || config === null) return `model config must be an object, got ${JSON.stringify(config)}`;
  const c = config as Record<string, unknown>;
  if (c.type === 'MLP') {
    if (!Array.isArray(c.sizes) || c.sizes.length < 2 || !c.sizes.every(isWidth))
      return `MLP config "sizes" must list at least two positive integers, got ${JSON.stringify(c.sizes)}`;
    if (!ACTIVATIONS.includes(c.activation as string))
      return `MLP config "activation" must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(c.activation)}`;
    return null;
  }
  if (c.type === 'LogisticRegression') {
    if (!isWidth(c.inFeatures))
      return `LogisticRegression config "inFeatures" must be a positive integer, got ${JSON.stringify(c.inFeatures)}`;
    if (!isWidth(c.classes) || c.classes < 2)
      return `LogisticRegression config "classes" must be an integer ≥ 2, got ${JSON.stringify(c.classes)}`;
    if (typeof c.l2 !== 'number' || !(c.l2 >= 0) || !Number.isFinite(c.l2))
      return `LogisticRegression config "l2" must be a finite number ≥ 0, got ${JSON.stringify(c.l2)}`;
    return null;
  }
  return `unknown model type ${JSON.stringify(c.type)} (known: MLP, LogisticRegression)`;
}

/** Parameter name → shape of the model a (valid) config describes, in the model's order. */
export function expectedShapes(config: MLPConfig | LogisticRegressionConfig): [string, number[]][] {
  if (config.type === 'LogisticRegression') {
    const out = config.classes === 2 ? 1 : config.classes;
    return [
      ['linear.weight', [config.inFeatures, out]],
      ['linear.bias', [out]],
    ];
  }
  const shapes: [string, number[]][] = [];
  for (let i = 0; i + 1 < config.sizes.length; i++) {
    // Activations sit between the Linear layers, so layer i is child 2i of the Sequential.
    shapes.push([`layers.${2 * i}.weight`, [config.sizes[i]!, config.sizes[i + 1]!]], [`layers.${2 * i}.bias`, [config.sizes[i + 1]!]]);
  }
  return shapes;
}

/** Scalars in the model a config describes (may exceed 2^53 only for absurd configs, which callers refuse). */
export function parameterCountOf(config: MLPConfig | LogisticRegressionConfig): number {
  return expectedShapes(config).reduce((n, [, shape]) => n + shape.reduce((a, b) => a * b, 1), 0);
}

/**
 * Problems between a config and stored parameters, checked by shape and length only: a file whose
 * config says [4, 12000, 12000, 3] but holds small arrays is refused before a 144M-weight model is built.
 */
export function storedShapeProblems(config: MLPConfig | LogisticRegressionConfig, parameters: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const expected = expectedShapes(config);
  for (const [name, shape] of expected) {
    const entry = parameters[name] as { shape?: unknown; data?: unknown } | null | undefined;
    if (entry === undefined || entry === null || typeof entry !== 'object')
      problems.push(`missing parameter "${name}" (the config needs shape [${shape.join(', ')}])`);
    else if (JSON.stringify(entry.shape) !== JSON.stringify(shape))
      problems.push(`parameter "${name}" has shape ${JSON.stringify(entry.shape)}, the config needs [${shape.join(', ')}]`);
    else if (!Array.isArray(entry.data) || entry.data.length !== shape.reduce((a, b) => a * b, 1)) {
      problems.push(
        `parameter "${name}" needs ${shape.reduce((a, b) => a * b, 1)} numbers, the file has ${Array.isArray(entry.data) ? entry.data.length : 'none'}`,
      );
    }
  }
  const names = new Set(expected.map(([n]) => n));
  for (const name of Object.keys(parameters)) if (!names.has(name)) problems.push(`unexpected parameter "${name}"`);
  return problems;
}

/** "parameter "w" holds NaN at index 3" for the first value that is not a finite number, or null. */
export function nonFiniteProblem(name: string, data: ArrayLike<unknown>): string | null {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v === 'number' && !Number.isFinite(v)) return `parameter "${name}" holds ${v} at index ${i}; weights must be finite numbers`;
  }
  return null;
}
