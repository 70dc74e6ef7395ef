import { basename, resolve } from 'node:path';
import { saveOnnx } from '../../node/onnx.ts';
import { UsageError, type ValueParser } from '../args.ts';
import { FLAGS } from '../flags.ts';
import { printJson, type Command } from '../io.ts';
import { describeModel } from '../model.ts';
import { loadSavedModel } from '../saved-model.ts';
import { version } from '../version.ts';

const onnxPath: ValueParser<string> = (raw, flag) => {
  if (!/\.onnx$/i.test(raw)) throw new UsageError(`${flag}: expected a file name ending in .onnx, got "${raw}"`);
  return raw;
};

export const exportCommand: Command = {
  spec: {
    name: 'export',
    summary: 'write a model saved by `gradlab train --save` as an ONNX file, for ONNX Runtime (Python, C++, browsers, mobile)',
    flags: [
      { name: 'model', value: '<model.json>', description: 'a model file written by gradlab train --save', required: true },
      {
        name: 'onnx',
        value: '<model.onnx>',
        description: 'the ONNX file to write (atomically; an existing file only if gradlab wrote it, or with --force)',
        required: true,
        parse: onnxPath,
      },
      {
        name: 'float32',
        description:
          'single-precision weights and arithmetic: half the size, within ~1e-6 of gradlab (default: float64, as gradlab computes)',
      },
      FLAGS.force,
      { name: 'json', description: 'print one JSON document on stdout instead of the summary' },
    ],
    examples: ['gradlab export --model iris.json --onnx iris.onnx', 'gradlab export --model digits.json --onnx digits.onnx --float32'],
  },
  run(values, io) {
    const modelPath = values.model as string;
    const outPath = values.onnx as string;
    const { model, meta } = loadSavedModel(modelPath, io.cwd);
    const elementType = values.float32 === true ? 'float32' : 'float64';
    const bytes = saveOnnx(resolve(io.cwd, outPath), model, {
      force: values.force === true,
      inputs: [resolve(io.cwd, modelPath)],
      option: '--onnx',
      shownAs: outPath,
      elementType,
      scaler: meta.scaler,
      classNames: meta.classNames,
      featureNames: meta.featureNames,
      producerVersion: version(),
      metadata: {
        gradlab_model: JSON.stringify(model.config()),
        ...(meta.labelColumn === undefined ? {} : { label_column: meta.labelColumn }),
        // A CSV is recorded by its absolute path; the file keeps only its name, not the trainer's folders.
        ...(meta.dataset ? { trained_on: meta.dataset.kind === 'file' ? basename(meta.dataset.name) : meta.dataset.name } : {}),
      },
    });
    const f = meta.featureNames.length;
    const k = meta.classNames.length;
    if (values.json === true) {
      printJson(io, {
        command: 'export',
        model: { path: modelPath, ...model.config() },
        onnx: outPath,
        bytes: bytes.length,
        elementType,
        input: { name: 'features', shape: ['batch', f], scaled: true, featureNames: meta.featureNames },
        outputs: { logits: ['batch', outputWidth(model, k)], probabilities: ['batch', k] },
        classNames: meta.classNames,
      });
      return 0;
    }
    io.stdout.write(`wrote ${outPath}: ${describeModel(model)}, ${bytes.length} bytes, ${elementType}\n`);
    const shown = f > 8 ? `${meta.featureNames.slice(0, 6).join(', ')}, … ${meta.featureNames[f - 1] ?? ''}` : meta.featureNames.join(', ');
    io.stdout.write(`  input  "features" [batch, ${f}]: ${shown} (raw values; the standardisation is inside the model)\n`);
    io.stdout.write(`  output "logits" [batch, ${outputWidth(model, k)}], "probabilities" [batch, ${k}]: ${meta.classNames.join(', ')}\n`);
    return 0;
  },
};

/** One logit for a binary logistic model, one per class otherwise. */
function outputWidth(model: { config(): { type: string; classes?: number } }, classes: number): number {
  const config = model.config();
  return config.type === 'LogisticRegression' && classes === 2 ? 1 : classes;
}
