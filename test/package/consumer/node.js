// (a) Plain Node: `import 'gradlab'` gives the Node entry (file datasets, WebAssembly kernels).
import * as gradlab from 'gradlab';
import { trainMoons } from './shared.js';

const iris = gradlab.loadDataset('iris');
const scaler = new gradlab.StandardScaler().fit(iris.features);
const irisHistory = gradlab.fit(new gradlab.MLP([4, 16, 3], { seed: 0 }), { x: scaler.transform(iris.features), y: iris.labels }, { epochs: 30, lr: 0.01, verbose: 0 });
console.log(JSON.stringify({ moons: trainMoons(gradlab), iris: irisHistory.loss, kernels: gradlab.kernelStatus() }));
