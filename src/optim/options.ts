/** Hyperparameters of one optimizer: plain numbers and flags, so they serialize to JSON as they are. */
export type Hyperparameters = Record<string, number | boolean>;

/** Checks for option values; each error names the optimizer, the option, the value and the allowed range. */
export class OptionChecker {
  constructor(
    readonly owner: string,
    private readonly values: Readonly<Hyperparameters>,
  ) {}

  private fail(name: string, range: string): never {
    throw new RangeError(`${this.owner}: option ${name} must be ${range}, got ${String(this.values[name])}`);
  }

  number(name: string): number {
    const v = this.values[name];
    if (typeof v !== 'number') this.fail(name, 'a number');
    return v;
  }

  flag(name: string): boolean {
    const v = this.values[name];
    if (typeof v !== 'boolean') this.fail(name, 'true or false');
    return v;
  }

  /** x > 0 and finite (learning rates, eps). */
  positive(name: string): void {
    const v = this.number(name);
    if (!(v > 0 && Number.isFinite(v))) this.fail(name, 'a positive finite number');
  }

  /** x ≥ 0 and finite (weight decay, accumulators). */
  nonNegative(name: string): void {
    const v = this.number(name);
    if (!(v >= 0 && Number.isFinite(v))) this.fail(name, 'a finite number ≥ 0');
  }

  /** 0 ≤ x < 1 (betas, momentum). */
  unitInterval(name: string): void {
    const v = this.number(name);
    if (!(v >= 0 && v < 1)) this.fail(name, 'in [0, 1)');
  }
}

/**
 * Merges user options over the defaults, rejecting unknown names and wrong types before any
 * range checks run. `required` lists options with no default (SGD's lr, as in PyTorch).
 */
export function resolveOptions<H extends Hyperparameters>(
  owner: string,
  defaults: Readonly<Partial<H>>,
  options: Readonly<Partial<H>> | undefined,
  required: readonly string[] = [],
): H {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new TypeError(`${owner}: options must be a plain object, got ${Array.isArray(options) ? 'an array' : String(options)}`);
  }
  const allowed = [...new Set([...Object.keys(defaults), ...required])];
  const merged: Hyperparameters = { ...(defaults as Hyperparameters) };
  for (const [key, value] of Object.entries(options ?? {})) {
    if (!allowed.includes(key)) {
      throw new RangeError(`${owner}: unknown option '${key}'; allowed options are ${allowed.join(', ')}`);
    }
    if (value === undefined) continue;
    const expected = key in defaults ? typeof (defaults as Hyperparameters)[key] : 'number';
    if (typeof value !== expected) {
      throw new TypeError(`${owner}: option ${key} must be a ${expected}, got ${typeof value} ${String(value)}`);
    }
    merged[key] = value as number | boolean;
  }
  for (const key of required) {
    if (merged[key] === undefined) throw new RangeError(`${owner}: option ${key} is required (a positive finite number)`);
  }
  return merged as H;
}
