import { listDatasets } from '../../node/bundled.ts';
import { formatTable, printJson, type Command } from '../io.ts';

export const datasetsCommand: Command = {
  spec: {
    name: 'datasets',
    summary: 'list the bundled datasets with their rows, features and classes',
    flags: [{ name: 'json', description: 'print the list as one JSON document' }],
    examples: ['gradlab datasets', 'gradlab datasets --json'],
  },
  run(values, io) {
    const sets = listDatasets();
    if (values.json === true) {
      printJson(io, { datasets: sets });
      return 0;
    }
    io.stdout.write(
      formatTable(
        ['name', 'rows', 'features', 'classes', 'description'],
        sets.map((d) => [d.name, d.rows, d.features, d.classes, d.description]),
      ),
    );
    io.stdout.write('\nUse one with --dataset NAME, or pass any headed CSV file: --dataset path/to/file.csv --label COLUMN.\n');
    io.stdout.write('Sources: UCI Machine Learning Repository (CC BY 4.0); see `gradlab datasets --json` for each citation.\n');
    return 0;
  },
};
