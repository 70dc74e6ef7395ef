import { surfaceCode } from '../expr/compile.ts';
import type { SurfaceInfo } from '../race/race.ts';
import { noiseFor } from '../race/race.ts';
import { METHOD_NAMES, SURFACES } from 'gradlab';
import { type MethodSettings, defaultSettings, optimizerOptions, scheduleCode } from '../state/methods.ts';
import type { PlaygroundState } from '../state/schema.ts';

const CLASS: Record<string, string> = { adam: 'Adam', adamw: 'AdamW', adamax: 'Adamax' };

/**
 * The names a script uses from gradlab, collected while its code is written, so that the import line names
 * exactly those: the copied script passes the project's own lint (no unused imports).
 */
class Imports {
  private readonly names = new Set<string>();

  /** Records `name` as imported and returns it, to be written in place. */
  use(name: string): string {
    this.names.add(name);
    return name;
  }

  /** The names of every gradlab call in `code` (`stepDecay({…})`, `mul(x, 0)`). */
  useCalls(code: string, known: readonly string[]): string {
    for (const m of code.matchAll(/\b([A-Za-z]\w*)\(/g)) if (known.includes(m[1]!)) this.use(m[1]!);
    return code;
  }

  line(): string {
    const sorted = [...this.names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    return `import { ${sorted.join(', ')} } from 'gradlab';`;
  }
}

const SCHEDULE_FUNCTIONS = ['constantSchedule', 'stepDecay', 'exponentialDecay', 'inverseSqrtDecay', 'cosineDecay'];
const TENSOR_FUNCTIONS = ['add', 'sub', 'mul', 'div', 'neg', 'pow', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sigmoid', 'relu'];

/** `createOptimizer('momentum', params, {…})` or `new Adam(params, {…})`, with the exact numbers. */
function optimizerCode(s: MethodSettings, params: string, imports: Imports): string {
  const options = JSON.stringify(optimizerOptions(s))
    .replace(/"(\w+)":/g, '$1: ')
    .replace(/,/g, ', ')
    .replace(/^\{/, '{ ')
    .replace(/\}$/, ' }');
  const cls = CLASS[s.method];
  return cls !== undefined
    ? `new ${imports.use(cls)}(${params}, ${options})`
    : `${imports.use('createOptimizer')}('${s.method}', ${params}, ${options})`;
}

function raceCode(st: PlaygroundState, surface: SurfaceInfo | null): string {
  const r = st.race;
  const imports = new Imports();
  const tensor = imports.use('Tensor');
  let f: string;
  if (r.surface !== 'custom') f = `const f = ${imports.use('SURFACES')}.${r.surface}.f; // ${surface?.formula ?? ''}`;
  else {
    const body = tensorCode(r.expr);
    f =
      body === null
        ? `// typed in the playground: ${oneLine(r.expr)}\nconst f = (_x: ${tensor}, _y: ${tensor}): ${tensor} => {\n  throw new Error(${quote(`the formula typed in the playground does not parse: ${r.expr}; fix it there and copy the code again`)});\n};`
        : `// typed in the playground: ${oneLine(r.expr)}\nconst f = (x: ${tensor}, y: ${tensor}): ${tensor} => ${imports.useCalls(body, TENSOR_FUNCTIONS)};`;
  }
  const noises = r.methods.map((m) => (surface ? noiseFor(m.method, surface) : 0));
  const noisy = noises.some((n) => n > 0);
  const scheduled = r.methods.some((m) => m.schedule !== 'constant');
  const racers = r.methods.map((m, i) => {
    const fields = [`name: '${m.method}'`];
    if (noisy) fields.push(`noise: ${noises[i]!}`);
    fields.push(`make: (p: ${tensor}[]) => ${optimizerCode(m, 'p', imports)}`);
    if (scheduled)
      fields.push(
        `schedule: ${m.schedule === 'constant' ? 'null' : imports.useCalls(scheduleCode(m.schedule, r.steps), SCHEDULE_FUNCTIONS)}`,
      );
    return `  { ${fields.join(', ')} }, // racer ${i + 1}`;
  });
  const loop = [
    `for (const r of racers) {`,
    `  const x = new ${tensor}(Float64Array.of(${r.start[0]}), [1], true);`,
    `  const y = new ${tensor}(Float64Array.of(${r.start[1]}), [1], true);`,
    `  const opt = r.make([x, y]);`,
    ...(scheduled ? [`  const sched = r.schedule ? new ${imports.use('LRScheduler')}(opt, r.schedule) : null;`] : []),
    ...(noisy ? [`  const rng = new ${imports.use('Rng')}(${r.seed});`] : []),
    `  const trace = ${imports.use('traceOptimizer')}(opt, { names: ['x', 'y'] });`,
    `  for (let t = 1; t <= ${Math.max(1, r.step)}; t++) {`,
    `    opt.zeroGrad();`,
    `    f(x, y).backward();`,
    `    // A surface that ignores x or y leaves that gradient unset; it is 0, not "skip this parameter".`,
    `    x.grad ??= new ${tensor}(new Float64Array(1), [1]);`,
    `    y.grad ??= new ${tensor}(new Float64Array(1), [1]);`,
    ...(noisy
      ? [
          `    if (r.noise > 0) {`,
          `      // The simulated sampling noise of sgd and minibatch (as gradlab's runOnSurface adds it).`,
          `      x.grad.data[0]! += r.noise * rng.normal();`,
          `      y.grad.data[0]! += r.noise * rng.normal();`,
          `    }`,
        ]
      : []),
    `    opt.step();`,
    ...(scheduled ? [`    sched?.step();`] : []),
    `  }`,
    `  console.log(r.name, x.data[0], y.data[0]);`,
    `  console.log(${imports.use('formatTrace')}(trace.entries.slice(-2)));`,
    `}`,
  ];
  return `// gradlab: the playground's optimizer race, step for step (same numbers as the page).
${imports.line()}

${f}
const racers = [
${racers.join('\n')}
];
${loop.join('\n')}
`;
}

/** Text for a // comment: a line break in a shared link's formula must not end the comment and become code. */
const oneLine = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ');

/** A single-quoted string literal of `text`. */
const quote = (text: string): string =>
  `'${text
    .replace(/[\\']/g, '\\$&')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/[\u2028\u2029]/g, ' ')}'`;

/** The typed formula as gradlab calls, or null when it does not parse. */
function tensorCode(expr: string): string | null {
  try {
    return surfaceCode(expr);
  } catch {
    return null;
  }
}

function trainCode(st: PlaygroundState): string {
  const t = st.train;
  const imports = new Imports();
  const T = imports.use('Tensor'),
    ce = imports.use('crossEntropy');
  const gen = `make${t.data[0]!.toUpperCase()}${t.data.slice(1)}`;
  const head = t.data === 'csv' ? `import { readFileSync } from 'node:fs';\n` : '';
  const data =
    t.data === 'csv'
      ? `${imports.use('parseCsv')}(readFileSync('your.csv', 'utf8'), { source: 'your.csv' }); // the dropped file`
      : `${imports.use(gen)}(${t.n}, { noise: ${t.noise}, seed: ${t.dataSeed} });`;
  const scheduled = t.optimizer.schedule !== 'constant';
  const minibatch = t.batch > 0;
  const lossOf = (x: string, y: string): string => `${ce}(model.forward(${x}), ${y})`;
  const body = minibatch
    ? [
        `  // Batches of ${t.batch} from a seeded shuffle, as the page takes them (the whole set when it has no more rows).`,
        `  if (${t.batch} < n) {`,
        `    if (order === null || cursor + ${t.batch} > n) {`,
        `      order = rng.permutation(n);`,
        `      cursor = 0;`,
        `    }`,
        `    const idx = order.subarray(cursor, (cursor += ${t.batch}));`,
        `    ${lossOf(`${imports.use('takeRows')}(x, idx)`, 'Int32Array.from(idx, (i) => train.labels[i]!)')}.backward();`,
        `  } else ${lossOf('x', 'train.labels')}.backward();`,
      ]
    : [`  ${lossOf('x', 'train.labels')}.backward();`];
  const lines = [
    `const data = ${data}`,
    `const { train, test } = ${imports.use('trainTestSplit')}(data, { testSize: 0.2, seed: ${t.dataSeed} });`,
    `// The first two feature columns, standardised with the training part's mean and spread.`,
    `const pick = (x: ${T}) => new ${T}(Float64Array.from({ length: 2 * x.shape[0]! }, (_, k) => x.data[Math.floor(k / 2) * x.shape[1]! + (k % 2)]!), [x.shape[0]!, 2]);`,
    `const scaler = new ${imports.use('StandardScaler')}().fit(pick(train.features));`,
    `const x = scaler.transform(pick(train.features));`,
    `const xTest = scaler.transform(pick(test.features));`,
    `const model = new ${imports.use('MLP')}([2, ${[...t.hidden.map(String), 'Math.max(2, data.classNames.length)'].join(', ')}], { activation: '${t.activation}', seed: ${t.initSeed} });`,
    `const opt = ${optimizerCode(t.optimizer, 'model.parameters()', imports)};`,
    ...(scheduled
      ? [
          `const sched = new ${imports.use('LRScheduler')}(opt, ${imports.useCalls(scheduleCode(t.optimizer.schedule, Math.max(100, t.step)), SCHEDULE_FUNCTIONS)});`,
        ]
      : []),
    ...(minibatch
      ? [
          `const rng = new ${imports.use('Rng')}(${t.initSeed + 1});`,
          `const n = x.shape[0]!;`,
          `let order: Int32Array | null = null;`,
          `let cursor = 0;`,
        ]
      : []),
    `for (let step = 0; step < ${t.step}; step++) {`,
    `  opt.zeroGrad();`,
    ...body,
    `  opt.step();`,
    ...(scheduled ? [`  sched.step();`] : []),
    `}`,
    `${imports.use('noGrad')}(() => {`,
    `  console.log('train loss', ${lossOf('x', 'train.labels')}.item(), 'test loss', ${lossOf('xTest', 'test.labels')}.item());`,
    `});`,
  ];
  return `// gradlab: the playground's network, trained to step ${t.step} (same numbers as the page).
${head}${imports.line()}

${lines.join('\n')}
`;
}

/** A gradlab script reproducing what the current view shows; it passes the project's lint and type check. */
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
