import { codecOf, type RegisteredConfig } from './registry.ts';

/**
 * Checks on a stored model that need no model instance, so a file is judged before anything of its
 * size is allocated: the config's fields, and the parameter shapes the config implies against the
 * shapes the file holds. Each registered model brings its own checks (its codec's `checkConfig` and
 * `parameterShapes`); a model registered without them is checked when its weights are loaded.
 */

/**
 * What is wrong between a stored config and stored parameters: the config's own problem first, else
 * each parameter missing, of another shape or length, or unexpected. Empty for unregistered types
 * (modelFromConfig names those).
 */
export function storedModelProblems(config: RegisteredConfig, parameters: Record<string, unknown>): { config?: string; shapes: string[] } {
  const codec = codecOf(config.type);
  const problem = codec?.checkConfig?.(config) ?? null;
  if (problem !== null) return { config: problem, shapes: [] };
  const expected = codec?.parameterShapes?.(config);
  return { shapes: expected === undefined ? [] : shapeProblems(expected, parameters) };
}

/** Problems between expected shapes and stored parameters, checked by shape and length only. */
function shapeProblems(expected: readonly [string, number[]][], parameters: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, shape] of expected) {
    const size = shape.reduce((a, b) => a * b, 1);
    const entry = parameters[name] as { shape?: unknown; data?: unknown } | null | undefined;
    if (entry === undefined || entry === null || typeof entry !== 'object')
      problems.push(`missing parameter "${name}" (the config needs shape [${shape.join(', ')}])`);
    else if (JSON.stringify(entry.shape) !== JSON.stringify(shape))
      problems.push(`parameter "${name}" has shape ${JSON.stringify(entry.shape)}, the config needs [${shape.join(', ')}]`);
    else if (!Array.isArray(entry.data) || entry.data.length !== size)
      problems.push(`parameter "${name}" needs ${size} numbers, the file has ${Array.isArray(entry.data) ? entry.data.length : 'none'}`);
  }
  const names = new Set(expected.map(([n]) => n));
  for (const name of Object.keys(parameters)) if (!names.has(name)) problems.push(`unexpected parameter "${name}"`);
  return problems;
}
