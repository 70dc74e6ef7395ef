/**
 * Mean test accuracy of `gradlab train --dataset D --model M --seed S` with the defaults, over
 * seeds 3, 4, 5, for every bundled dataset and both models — the check behind the README's table.
 * Run: npx tsx bench/accuracy-defaults.ts [dataset ...]
 */
import { main } from '../src/cli/main.ts';

const datasets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['breast-cancer', 'iris', 'wine', 'digits'];
const models = (process.env.MODELS ?? 'logistic,mlp').split(',');
const extraArgs = (process.env.EXTRA ?? '').split(' ').filter((a) => a !== '');
const seeds = [3, 4, 5];

for (const dataset of datasets) {
  for (const model of models) {
    const accs: number[] = [];
    let extra = '';
    const started = performance.now();
    for (const seed of seeds) {
      let out = '';
      const io = {
        stdout: {
          write: (s: string) => {
            out += s;
            return true;
          },
        },
        stderr: {
          write: (s: string) => {
            process.stderr.write(s);
            return true;
          },
        },
        cwd: process.cwd(),
      };
      const code = await main(['train', '--dataset', dataset, '--model', model, '--seed', String(seed), ...extraArgs, '--json'], io);
      if (code !== 0) throw new Error(`exit ${code}`);
      const doc = JSON.parse(out) as { testAccuracy: number; finalTrainLoss: number; epochs: number; lr: number; steps: number };
      accs.push(doc.testAccuracy);
      extra = `lr ${doc.lr}, epochs ${doc.epochs}, steps ${doc.steps}, train loss ${doc.finalTrainLoss.toFixed(3)}`;
    }
    const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
    console.log(
      `${dataset.padEnd(14)} ${model.padEnd(9)} mean ${mean.toFixed(4)}  [${accs.map((a) => a.toFixed(4)).join(', ')}]  (${extra}; ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
}
