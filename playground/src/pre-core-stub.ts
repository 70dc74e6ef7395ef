// Stand-ins for the node: modules the Node entry imports, used only until src/core.ts exists.
const unavailable = (what: string) => (): never => {
  throw new Error(`${what} is not available in the browser`);
};
export const readFileSync = unavailable('readFileSync');
export const writeFileSync = unavailable('writeFileSync');
export const existsSync = (): boolean => false;
export const mkdirSync = unavailable('mkdirSync');
export const renameSync = unavailable('renameSync');
export const openSync = unavailable('openSync');
export const fsyncSync = unavailable('fsyncSync');
export const closeSync = unavailable('closeSync');
export const unlinkSync = unavailable('unlinkSync');
export const readdirSync = unavailable('readdirSync');
export const statSync = unavailable('statSync');
export const availableParallelism = (): number => 1;
export const cpus = (): unknown[] => [];
export class Worker {
  constructor() {
    throw new Error('worker threads are not available in the browser');
  }
}
export const workerData = undefined;
export const isMainThread = true;
export const fileURLToPath = (u: string): string => u;
export const dirname = (p: string): string => p;
export const join = (...p: string[]): string => p.join('/');
export const resolve = (...p: string[]): string => p.join('/');
export const createRequire = () => unavailable('require');
export default {};
export const rmSync = unavailable('rmSync');
export const writeSync = unavailable('writeSync');
export const basename = (p: string): string => p.split('/').pop() ?? p;
export const extname = (p: string): string => /\.[^./]*$/.exec(p)?.[0] ?? '';
export const isAbsolute = (p: string): boolean => p.startsWith('/');
export const gunzipSync = unavailable('gunzipSync');
