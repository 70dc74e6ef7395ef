// `npm run bench:playground`: the playground's speed and size budgets, measured in Debian's Chromium
// and printed (not asserted): a frame's work for seven racing optimizers ≤ 2 ms; the 2→16→16→2 MLP
// trains ≥ 500 steps/s while the decision boundary redraws every frame; the page's JavaScript
// (gzip -9, without the .wasm kernels, which load separately) ≤ 300 KB.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { DIST, buildPlayground, launch, serve } from '../test/playground/support/site.ts';

buildPlayground();
const assets = join(DIST, 'assets');
let js = 0,
  jsGzip = 0,
  wasm = 0;
for (const file of readdirSync(assets)) {
  const bytes = readFileSync(join(assets, file));
  if (file.endsWith('.js')) {
    js += bytes.length;
    jsGzip += gzipSync(bytes, { level: 9 }).length;
  }
  if (file.endsWith('.wasm')) wasm += bytes.length;
}

const site = await serve();
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
// tsx compiles the functions passed to page.evaluate with esbuild's keepNames, which calls __name.
await page.addInitScript('globalThis.__name = (f) => f;');
page.on('pageerror', (e) => console.log('page error:', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
// Seven racers on Rosenbrock, as many steps as a long race; the page starts at step 0.
const methods = [
  'gd;lr:0.0015',
  'sgd;lr:0.0015',
  'minibatch;lr:0.0015',
  'momentum;lr:0.001;mu:0.9',
  'adagrad;lr:0.5',
  'rmsprop;lr:0.005',
  'adam;lr:0.1',
];
await page.goto(`${site.url}#v=1&view=race&f=rosenbrock&steps=2000&${methods.map((m, i) => `m${i}=${m}`).join('&')}&sel=6&t=0`);
await page.waitForFunction(() => '__playground' in globalThis);

const race = await page.evaluate(() => {
  interface RaceApi {
    goTo(t: number): void;
    speed: number;
    race: { advanceTo(t: number): void };
  }
  const pg = (globalThis as unknown as { __playground: { race: RaceApi; state: { race: { step: number } } } }).__playground;
  const frames: number[] = [],
    engine: number[] = [];
  // A frame while playing: advance every racer `speed` steps, redraw paths, legend, inspector, step line.
  for (let f = 0; f < 600; f++) {
    const t0 = performance.now();
    pg.race.goTo(pg.state.race.step + pg.race.speed);
    frames.push(performance.now() - t0);
  }
  for (let f = 0; f < 300; f++) {
    const t0 = performance.now();
    pg.race.race.advanceTo(1200 + 2 * (f + 1));
    engine.push(performance.now() - t0);
  }
  const median = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  const p90 = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length * 0.9)]!;
  return { frameMedian: median(frames), frameP90: p90(frames), engineMedian: median(engine), speed: pg.race.speed };
});

// Training as the Train button does it: steps for ~12 ms of each animation frame, then the boundary
// (a 48×48 grid, one batched forward pass), the loss curves and, every 2 s, the loss slice.
await page.click('[data-testid=tab-train]');
const train = await page.evaluate(async () => {
  interface TrainApi {
    togglePlay(): void;
    trainer: { steps: number };
  }
  const view = (globalThis as unknown as { __playground: { train: TrainApi } }).__playground.train;
  const raf = (f: () => void): void => (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(f);
  let frames = 0;
  const count = (): void => {
    frames++;
    if (running) raf(count);
  };
  let running = true;
  raf(count);
  const s0 = view.trainer.steps,
    t0 = performance.now();
  view.togglePlay();
  await new Promise((ok) => setTimeout(ok, 5000));
  view.togglePlay();
  running = false;
  const seconds = (performance.now() - t0) / 1000;
  // The same work without the animation loop: one training step, and one boundary redraw.
  const tr = view.trainer as unknown as { step(): void; probabilities(g: unknown): unknown };
  const grid = (view as unknown as { grid: unknown }).grid;
  let t1 = performance.now();
  for (let i = 0; i < 300; i++) tr.step();
  const stepMs = (performance.now() - t1) / 300;
  t1 = performance.now();
  for (let i = 0; i < 30; i++) tr.probabilities(grid);
  const boundaryMs = (performance.now() - t1) / 30;
  return { stepsPerSecond: (view.trainer.steps - s0) / seconds, framesPerSecond: frames / seconds, stepMs, boundaryMs };
});
const kernels = await page.textContent('[data-testid=kernels]');
await browser.close();
await site.close();

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
console.log(`playground JavaScript: ${kb(js)} minified, gzip ${kb(jsGzip)} (budget 300 KB), plus ${wasm} bytes of .wasm`);
console.log(
  `race frame, 7 optimizers, ${race.speed} steps each + redraw: median ${race.frameMedian.toFixed(2)} ms, p90 ${race.frameP90.toFixed(2)} ms (budget 2 ms); engine alone ${race.engineMedian.toFixed(2)} ms`,
);
console.log(
  `2→16→16→2 MLP on moons (160 training samples, full batch, Adam) while the boundary redraws: ${train.stepsPerSecond.toFixed(0)} steps/s at ${train.framesPerSecond.toFixed(0)} frames/s (budget ≥ 500 steps/s)`,
);
console.log(
  `  one training step ${train.stepMs.toFixed(3)} ms (${(1000 / train.stepMs).toFixed(0)} steps/s alone); one boundary forward pass (40×40 grid) ${train.boundaryMs.toFixed(2)} ms`,
);
console.log(kernels);
console.log(
  `machine load while measuring: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} on ${availableParallelism()} cores (wall-clock numbers stretch with load)`,
);
