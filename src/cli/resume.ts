import { CheckpointError, readCheckpointFile } from '../checkpoint/format.ts';
import { compareFingerprints, datasetFingerprint, type DataFingerprint } from '../data/fingerprint.ts';
import { DEFAULT_BATCH_K, getMethod, type AnyMethodName } from '../train/methods.ts';
import { describeRef } from './data.ts';
import type { TrainingSetup } from './setup.ts';
import type { RunPhase, Selection } from './training.ts';

/** What makes a `gradlab train` run that run: kept in its checkpoints, so --resume continues the same one. */
export interface RunSettings {
  command: 'gradlab train';
  dataset: { name: string; fingerprint: DataFingerprint };
  flags: Record<string, string>;
}

/** The phase recorded in a checkpoint's settings (a checkpoint without one holds the final run). */
export function phaseOf(settings: RunSettings & { phase?: string; selection?: Selection | null }): RunPhase {
  return settings.phase === 'choosing epochs' ? { phase: 'choosing epochs' } : { phase: 'final', selection: settings.selection ?? null };
}

/** The run's settings: its data (by content) and the flags that shape the run (--epochs may change on resume). */
export function runSettings(setup: TrainingSetup, method: AnyMethodName, lr: number, cwd: string): RunSettings {
  const { dataset } = setup.prepared;
  const flags: Record<string, string> = {
    '--label': dataset.labelName,
    '--model': setup.kind,
    ...(setup.kind === 'mlp' ? { '--hidden': setup.hidden.join(',') } : { '--l2': String(setup.l2) }),
    '--optimizer': method,
    '--lr': String(lr),
    ...(getMethod(method).batchSize === 'k' ? { '--batch-size': String(setup.batchSize ?? DEFAULT_BATCH_K) } : {}),
    '--seed': String(setup.seed),
    // It decides the final run's epochs (chosen on the val rows), so a resumed run must keep it.
    '--early-stop': setup.earlyStop === null ? 'off' : String(setup.earlyStop),
  };
  return { command: 'gradlab train', dataset: { name: describeRef(setup.ref, cwd).name, fingerprint: datasetFingerprint(dataset) }, flags };
}

/**
 * The settings recorded in the checkpoint `path` (typed as `shown`), read before any data is: it must
 * be a checkpoint of `gradlab train --checkpoint`, which records them.
 */
export function readRunSettings(path: string, shown: string): RunSettings {
  let metadata: Partial<RunSettings>;
  try {
    metadata = readCheckpointFile(path).metadata;
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    const reason =
      (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
        ? 'checkpoint file not found'
        : error.message.includes('this is a model file')
          ? 'is a gradlab model (written by --save), not a checkpoint; a run to resume is saved with --checkpoint <file>'
          : error.message.slice(error.path.length + 2);
    throw new Error(`--resume ${shown}: ${reason}`, { cause: error });
  }
  if (metadata.command !== 'gradlab train' || !metadata.dataset || !metadata.flags)
    throw new Error(
      `--resume ${shown}: is not a checkpoint of \`gradlab train --checkpoint\` (it has no record of the run), so the command line cannot continue it`,
    );
  return metadata as RunSettings;
}

/**
 * Checks, before any training, that the run saved with settings `then` is the run asked for now: the
 * same data and the same flags; otherwise resuming would silently continue another run (fit checks the
 * model, the optimizer and the batch size too).
 */
export function checkSameRun(then: RunSettings, now: RunSettings, shown: string): void {
  const fail = (reason: string): never => {
    throw new Error(`--resume ${shown}: ${reason}`);
  };
  const data = compareFingerprints(then.dataset.fingerprint, now.dataset.fingerprint);
  if (!data.same) fail(`the run was trained on ${then.dataset.name}; this data differs (${data.how}), so it cannot continue that run`);
  const keys = [...new Set([...Object.keys(then.flags), ...Object.keys(now.flags)])];
  const differ = keys.filter((k) => then.flags[k] !== now.flags[k]);
  if (differ.length > 0) {
    const was = Object.entries(then.flags)
      .map(([k, v]) => `${k} ${v}`)
      .join(' ');
    fail(
      `the run was started with other settings (${differ.map((k) => `${k} ${then.flags[k] ?? '(none)'}, now ${now.flags[k] ?? '(none)'}`).join('; ')}); continue it with the flags it was started with (${was}) or start a new run without --resume`,
    );
  }
}
