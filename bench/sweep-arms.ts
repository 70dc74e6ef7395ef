/**
 * The arms of `npm run bench:sweep`, each a child process: the JavaScript ones run bench/sweep-arm.ts, the
 * PyTorch ones bench/torch_bench.py --serve, so that all of them take their samples interleaved.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pointId, type SweepPoint } from './sweep-points.ts';
import { PYTHON, SCRIPT as TORCH_SCRIPT } from './torch.ts';

export interface ArmSpec {
  name: string;
  kind: 'gradlab' | 'tfjs';
  /** GRADLAB_* settings of this arm (the parent's own are not passed on, so every arm starts from the defaults). */
  env: Record<string, string>;
}

export const JS_ARMS: ArmSpec[] = [
  { name: 'gradlab', kind: 'gradlab', env: {} },
  { name: 'gradlab 1 thread', kind: 'gradlab', env: { GRADLAB_THREADS: '1' } },
  { name: 'gradlab TS kernels', kind: 'gradlab', env: { GRADLAB_WASM: '0' } },
  { name: 'TF.js wasm', kind: 'tfjs', env: {} },
];

const SCRIPT = fileURLToPath(new URL('sweep-arm.ts', import.meta.url));

type Reply = { count?: number; ms?: number; error?: string };

/** A running arm: send a command, await its one-line JSON reply. */
export class Arm {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];

  private constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: Record<string, string>,
  ) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GRADLAB_')));
    this.child = spawn(command, args, { env: { ...inherited, ...env } });
    this.child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return void process.stderr.write(`[${name}] ${line}\n`);
      this.waiting.shift()?.resolve(JSON.parse(line) as Reply);
    });
    this.child.on('exit', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`bench:sweep: arm '${name}' exited (status ${String(code)})`));
    });
  }

  static javascript(spec: ArmSpec): Arm {
    return new Arm(spec.name, process.execPath, ['--import', 'tsx', SCRIPT, spec.kind], spec.env);
  }

  /** PyTorch on one thread in `dtype`, reading the points' data and weights from `jobDir` (bench/torch.ts writeJobs). */
  static torch(dtype: 'float64' | 'float32', jobDir: string): Arm {
    const name = `PyTorch ${dtype === 'float64' ? 'f64' : 'f32'}`;
    return new Arm(name, PYTHON, [TORCH_SCRIPT, jobDir, '--serve', dtype], { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' });
  }

  private async send(command: object): Promise<Reply> {
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(JSON.stringify(command) + '\n');
    });
    if (reply.error !== undefined) throw new Error(`bench:sweep: arm '${this.name}': ${reply.error}`);
    return reply;
  }

  prepare(point: SweepPoint, quick: boolean): Promise<Reply> {
    return this.send({ op: 'prepare', width: point.width, batch: point.batch, id: pointId(point), quick });
  }

  async sample(): Promise<number> {
    return (await this.send({ op: 'sample' })).ms!;
  }

  release(): Promise<Reply> {
    return this.send({ op: 'release' });
  }

  close(): void {
    this.child.stdin.end();
  }
}
