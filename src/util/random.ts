import seedrandom from 'seedrandom';

/** Serializable generator state: restoring it continues the exact same stream. */
export interface RngState {
  readonly alea: object;
  /** Box–Muller produces normals in pairs; the unused one is part of the state. */
  readonly spare: number | null;
}

/**
 * Seeded random numbers (seedrandom's Alea: fast, 32-bit state words, reproducible everywhere).
 * The same seed gives bit-identical streams on every machine.
 */
export class Rng {
  private readonly prng: seedrandom.StatefulPRNG<seedrandom.State.Alea>;
  private spare: number | null = null;

  constructor(seed: number | string = 0, state?: RngState) {
    this.prng = state
      ? seedrandom.alea('', { state: state.alea as seedrandom.State.Alea })
      : seedrandom.alea(String(seed), { state: true });
    if (state) this.spare = state.spare;
  }

  /** Rebuilds a generator that continues from a saved state. */
  static fromState(state: RngState): Rng {
    const problem = rngStateProblem(state);
    if (problem !== null) throw new TypeError(`Rng.fromState: not a generator state: ${problem}`);
    return new Rng(0, state);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    return this.prng.double();
  }

  /** Standard normal N(0, 1) by the Box–Muller transform. */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform(); // log(0) would be -Infinity
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  state(): RngState {
    return { alea: this.prng.state(), spare: this.spare };
  }
}

/** What is wrong with a saved state (seedrandom's Alea words c, s0, s1, s2 and the spare normal), or null. */
export function rngStateProblem(state: unknown): string | null {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition, @typescript-eslint/no-base-to-string -- JSON.stringify returns undefined for functions and symbols, though typed string
  const show = (v: unknown): string => (v === undefined ? 'missing' : (JSON.stringify(v) ?? String(v)));
  if (typeof state !== 'object' || state === null) return `expected { alea: { c, s0, s1, s2 }, spare }, got ${show(state)}`;
  const { alea, spare } = state as { alea?: Record<string, unknown>; spare?: unknown };
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the state was parsed from JSON; validates input from untyped (JavaScript or JSON) callers
  if (typeof alea !== 'object' || alea === null) return `expected { alea: { c, s0, s1, s2 }, spare }, got alea ${show(alea)}`;
  for (const key of ['c', 's0', 's1', 's2']) {
    if (typeof alea[key] !== 'number' || !Number.isFinite(alea[key])) return `alea.${key} must be a finite number, got ${show(alea[key])}`;
  }
  if (!(spare === null || (typeof spare === 'number' && Number.isFinite(spare))))
    return `spare must be a finite number or null, got ${show(spare)}`;
  return null;
}

let globalRng = new Rng(0);

/** Reseeds the generator used when a random function is given neither `seed` nor `rng`. */
export function manualSeed(seed: number | string): void {
  globalRng = new Rng(seed);
}

export interface RandomOptions {
  seed?: number | string;
  rng?: Rng;
}

/** The generator a random function should draw from: an explicit one, a fresh seeded one, or the global one. */
export function resolveRng(options: RandomOptions = {}): Rng {
  if (options.rng) return options.rng;
  if (options.seed !== undefined) return new Rng(options.seed);
  return globalRng;
}
