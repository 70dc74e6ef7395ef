import { surfaceCode } from '../expr/compile.ts';
import type { SurfaceInfo } from '../race/race.ts';
import { noiseFor } from '../race/race.ts';
import { METHOD_NAMES, SURFACES } from 'gradlab';
import { type MethodSettings, defaultSettings, optimizerOptions, scheduleCode } from '../state/methods.ts';
import type { PlaygroundState } from '../state/schema.ts';

const CLASS: Record<string, string> = { adam: 'Adam', adamw: 'AdamW', adamax: 'Adamax' };

/** `createOptimizer('momentum', params, {…})` or `new Adam(params, {…})`, with the exact numbers. */
function optimizerCode(s: MethodSettings, params: string): string {
  const options = JSON.stringify(optimizerOptions(s))
    .replace(/"(\w+)":/g, '$1: ')
    .replace(/,/g, ', ');
  const cls = CLASS[s.method];
  return cls !== undefined ? `new ${cls}(${params}, ${options})` : `createOptimizer('${s.method}', ${params}, ${options})`;
}

function raceCode(st: PlaygroundState, surface: SurfaceInfo | null): string {
  const r = st.race;
  const f =
    r.surface === 'custom'
      ? `// typed in the playground: ${r.expr}\nconst f = (x: Tensor, y: Tensor): Tensor => ${tensorCode(r.expr)};`
      : `const f = SURFACES.${r.surface}.f; // ${surface?.formula ?? ''}`;
  const racers = r.methods.map((m, i) => {
    const noise = surface ? noiseFor(m.method, surface) : 0;
    return `  { name: '${m.method}', noise: ${noise}, make: (p: Tensor[]) => ${optimizerCode(m, 'p')}, schedule: ${m.schedule === 'constant' ? 'null' : scheduleCode(m.schedule, r.steps)} }, // racer ${i + 1}`;
  });
  return `// gradlab: the playground's optimizer race, step for step (same numbers as the page).
import { Adam, AdamW, Adamax, LRScheduler, Rng, SURFACES, Tensor, createOptimizer, formatTrace, traceOptimizer,
  add, sub, mul, div, neg, pow, exp, log, sqrt, abs, tanh, sigmoid, relu, constantSchedule, cosineDecay, exponentialDecay, inverseSqrtDecay, stepDecay } from 'gradlab';

${f}
const racers = [
${racers.join('\n')}
];
for (const r of racers) {
  const x = new Tensor(Float64Array.of(${r.start[0]}), [1], true), y = new Tensor(Float64Array.of(${r.start[1]}), [1], true);
  const opt = r.make([x, y]);
  const sched = r.schedule ? new LRScheduler(opt, r.schedule) : null;
  const rng = new Rng(${r.seed});
  const trace = traceOptimizer(opt, { names: ['x', 'y'] });
  for (let t = 1; t <= ${Math.max(1, r.step)}; t++) {
    opt.zeroGrad();
    f(x, y).backward();
    for (const p of [x, y]) p.grad ??= new Tensor(new Float64Array(1), [1]);
    if (r.noise > 0) { x.grad!.data[0]! += r.noise * rng.normal(); y.grad!.data[0]! += r.noise * rng.normal(); }
    opt.step();
    sched?.step();
  }
  console.log(r.name, x.data[0], y.data[0]);
  console.log(formatTrace(trace.entries.slice(-2)));
}
`;
}

function tensorCode(expr: string): string {
  try {
    return surfaceCode(expr);
  } catch (e) {
    return `NaN as unknown as Tensor; // the formula does not parse: ${(e as Error).message}`;
  }
}

function trainCode(st: PlaygroundState): string {
  const t = st.train;
  const data =
    t.data === 'csv'
      ? `parseCsv(readFileSync('your.csv', 'utf8'), { source: 'your.csv' }) // the dropped file`
      : `make${t.data[0]!.toUpperCase()}${t.data.slice(1)}(${t.n}, { noise: ${t.noise}, seed: ${t.dataSeed} })`;
  const gen = t.data === 'csv' ? 'parseCsv' : `make${t.data[0]!.toUpperCase()}${t.data.slice(1)}`;
  return `// gradlab: the playground's network, trained to step ${t.step} (same numbers as the page).
import { ${gen}, trainTestSplit, StandardScaler, MLP, Rng, Tensor, takeRows, crossEntropy, noGrad, LRScheduler,
  Adam, AdamW, Adamax, createOptimizer, constantSchedule, cosineDecay, exponentialDecay, inverseSqrtDecay, stepDecay } from 'gradlab';

const data = ${data};
const { train, test } = trainTestSplit(data, { testSize: 0.2, seed: ${t.dataSeed} });
const pick = (x: Tensor) => new Tensor(Float64Array.from({ length: 2 * x.shape[0]! }, (_, k) => x.data[Math.floor(k / 2) * x.shape[1]! + (k % 2)]!), [x.shape[0]!, 2]);
const scaler = new StandardScaler().fit(pick(train.features));
const x = scaler.transform(pick(train.features)), xTest = scaler.transform(pick(test.features));
const model = new MLP([2, ${t.hidden.map(String).join(', ')}${t.hidden.length ? ', ' : ''}Math.max(2, data.classNames.length)], { activation: '${t.activation}', seed: ${t.initSeed} });
const opt = ${optimizerCode(t.optimizer, 'model.parameters()')};
const sched = ${t.optimizer.schedule === 'constant' ? 'null' : `new LRScheduler(opt, ${scheduleCode(t.optimizer.schedule, Math.max(100, t.step))})`};
const rng = new Rng(${t.initSeed + 1});
let order: Int32Array | null = null, cursor = 0;
for (let step = 0; step < ${t.step}; step++) {
  opt.zeroGrad();
  ${
    t.batch > 0
      ? `if (order === null || cursor + ${t.batch} > x.shape[0]!) { order = rng.permutation(x.shape[0]!); cursor = 0; }
  const idx = order.subarray(cursor, (cursor += ${t.batch}));
  crossEntropy(model.forward(takeRows(x, idx)), Int32Array.from(idx, (i) => train.labels[i]!)).backward();`
      : 'crossEntropy(model.forward(x), train.labels).backward();'
  }
  opt.step();
  sched?.step();
}
noGrad(() => console.log('train loss', crossEntropy(model.forward(x), train.labels).item(), 'test loss', crossEntropy(model.forward(xTest), test.labels).item()));
`;
}

/** A gradlab script reproducing what the current view shows. */
export function copyAsCode(st: PlaygroundState, surface: SurfaceInfo | null): string {
  if (st.view === 'race') {
    return raceCode(st, surface) + cliCode(st);
  }
  return trainCode(st);
}

/**
 * The `gradlab surface` command, where one reproduces the race: a registry surface from its own start,
 * the lessons' methods with their default options except lr, and no schedule.
 */
function cliCode(st: PlaygroundState): string {
  const r = st.race;
  if (r.surface === 'custom') return '';
  const start = SURFACES[r.surface].start;
  if (r.start[0] !== start[0] || r.start[1] !== start[1]) return '';
  const plain = r.methods.every((m) => {
    const d = defaultSettings(m.method, m.lr);
    return (
      (METHOD_NAMES as readonly string[]).includes(m.method) &&
      JSON.stringify(optimizerOptions(m)) === JSON.stringify(optimizerOptions(d)) &&
      m.schedule === 'constant'
    );
  });
  if (!plain) return '';
  const lines = r.methods.map(
    (m) =>
      `//   npx gradlab surface --function ${r.surface} --optimizers ${m.method} --lr ${m.lr} --steps ${Math.max(1, r.step)} --seed ${r.seed}`,
  );
  return `\n// The same runs from the command line:\n${lines.join('\n')}\n`;
}
