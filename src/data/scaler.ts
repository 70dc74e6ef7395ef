import { Tensor } from '../tensor/index.ts';

/** A fitted scaler's parameters, as plain JSON. */
export interface StandardScalerState {
  mean: number[];
  scale: number[];
}

/**
 * Standardisation z = (x − μ) / σ per column, like scikit-learn's StandardScaler: μ and σ come from
 * `fit` (the training data only) and are reused by `transform` on any later data. σ is the population
 * standard deviation (ddof 0); a constant column gets σ = 1, so it maps to 0 instead of NaN.
 */
export class StandardScaler {
  mean: Float64Array | null = null;
  scale: Float64Array | null = null;

  /** Learns μ and σ of each column of x [N, F] (N ≥ 1). Values near float64's limit (1e308) are fine: see `columnMoments`. */
  fit(x: Tensor): this {
    const [n, f] = matrixShape(x, 'fit');
    if (n === 0) throw new RangeError('StandardScaler.fit: x has no rows; need at least one sample');
    const mean = new Float64Array(f);
    const scale = new Float64Array(f);
    for (let j = 0; j < f; j++) {
      const [m, v, unit] = columnMoments(x.data, n, f, j);
      // v is the variance in units of `unit`; a constant column is judged on the same scale.
      [mean[j], scale[j]] = [m * unit, isConstant(v, m, n) ? 1 : Math.sqrt(v) * unit];
    }
    this.mean = mean;
    this.scale = scale;
    return this;
  }

  /** (x − μ) / σ with the fitted μ and σ; x must have as many columns as the fitted data. */
  transform(x: Tensor): Tensor {
    const { mean, scale } = this.fitted('transform');
    const [n, f] = matrixShape(x, 'transform');
    if (f !== mean.length) throw new RangeError(`StandardScaler.transform: x has ${f} columns but the scaler was fitted on ${mean.length}`);
    const out = new Float64Array(n * f);
    for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) out[i * f + j] = standardize(x.data[i * f + j]!, mean[j]!, scale[j]!);
    return new Tensor(out, [n, f]);
  }

  /** `transform` written over x's own values (same arithmetic, so the same bits); for data that is a fresh copy anyway. */
  transformInPlace(x: Tensor): Tensor {
    const { mean, scale } = this.fitted('transformInPlace');
    const [n, f] = matrixShape(x, 'transformInPlace');
    if (f !== mean.length)
      throw new RangeError(`StandardScaler.transformInPlace: x has ${f} columns but the scaler was fitted on ${mean.length}`);
    const d = x.data;
    for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) d[i * f + j] = standardize(d[i * f + j]!, mean[j]!, scale[j]!);
    return x;
  }

  /** x·σ + μ: undoes `transform`. */
  inverseTransform(z: Tensor): Tensor {
    const { mean, scale } = this.fitted('inverseTransform');
    const [n, f] = matrixShape(z, 'inverseTransform');
    if (f !== mean.length)
      throw new RangeError(`StandardScaler.inverseTransform: z has ${f} columns but the scaler was fitted on ${mean.length}`);
    const out = new Float64Array(n * f);
    for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) out[i * f + j] = z.data[i * f + j]! * scale[j]! + mean[j]!;
    return new Tensor(out, [n, f]);
  }

  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  toJSON(): StandardScalerState {
    const { mean, scale } = this.fitted('toJSON');
    return { mean: Array.from(mean), scale: Array.from(scale) };
  }

  static fromJSON(state: StandardScalerState): StandardScaler {
    const ok = (v: unknown): v is number[] => Array.isArray(v) && v.every((e) => typeof e === 'number' && Number.isFinite(e));
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- validates input from untyped (JavaScript or JSON) callers
    if (!state || !ok(state.mean) || !ok(state.scale) || state.mean.length !== state.scale.length) {
      throw new TypeError('StandardScaler.fromJSON: expected { mean: number[], scale: number[] } of equal length with finite values');
    }
    if (state.scale.some((s) => s <= 0)) throw new RangeError('StandardScaler.fromJSON: every scale must be > 0');
    const scaler = new StandardScaler();
    scaler.mean = Float64Array.from(state.mean);
    scaler.scale = Float64Array.from(state.scale);
    return scaler;
  }

  private fitted(method: string): { mean: Float64Array; scale: Float64Array } {
    if (!this.mean || !this.scale) throw new Error(`StandardScaler.${method}: the scaler is not fitted; call fit(x) first`);
    return { mean: this.mean, scale: this.scale };
  }
}

/**
 * Mean and variance of column j in units of `unit` (1 normally): two passes, subtracting the mean
 * first, which avoids the cancellation of E[x²] − E[x]². When a sum overflows (values near 1e308),
 * the column is measured again divided by its largest magnitude, so μ = mean·unit, σ² = variance·unit².
 */
function columnMoments(d: Float64Array, n: number, f: number, j: number): [mean: number, variance: number, unit: number] {
  for (const pass of [1, 2]) {
    let unit = 1;
    if (pass === 2) {
      unit = 0;
      for (let i = 0; i < n; i++) unit = Math.max(unit, Math.abs(d[i * f + j]!));
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += d[i * f + j]! / unit;
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const dev = d[i * f + j]! / unit - mean;
      squares += dev * dev;
    }
    const variance = squares / n;
    if (Number.isFinite(variance)) return [mean, variance, unit];
  }
  const bad = Array.from({ length: n }, (_, i) => d[i * f + j]!).findIndex((v) => !Number.isFinite(v));
  throw new RangeError(`StandardScaler.fit: column ${j} contains NaN or infinite values (row ${bad}: ${d[bad * f + j]!})`);
}

/** (x − μ) / σ; where x − μ overflows (x and μ of opposite signs near 1e308), x/σ − μ/σ, which does not when σ is that large. */
function standardize(x: number, mean: number, scale: number): number {
  const d = x - mean;
  return Number.isFinite(d) || !Number.isFinite(x) ? d / scale : x / scale - mean / scale;
}

function matrixShape(x: Tensor, method: string): [number, number] {
  if (x.ndim !== 2)
    throw new RangeError(`StandardScaler.${method}: expected a 2-D tensor [samples, features], got shape [${x.shape.join(', ')}]`);
  return [x.shape[0]!, x.shape[1]!];
}

/**
 * Whether a computed variance is only rounding error (scikit-learn's bound): summing n copies of a
 * constant c can leave the mean off by ~n·ε·|c|, which shows up as a tiny non-zero variance.
 */
function isConstant(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  return variance <= n * eps * variance + (n * mean * eps) ** 2;
}
