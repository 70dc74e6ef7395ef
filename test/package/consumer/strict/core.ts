// (f) The same strict project resolving `gradlab` as a bundler does (the core) and `gradlab/core`.
import { parseCsv, parseCsvBytes, type Dataset } from 'gradlab';
import { makeMoons, StandardScaler } from 'gradlab/core';

const data: Dataset = parseCsv('x,y\n1,a\n2,b\n', { source: 'inline.csv' });
const bytes: Dataset = parseCsvBytes(new Uint8Array([120, 44, 121, 10, 49, 44, 97, 10]));
const scaled = new StandardScaler().fitTransform(makeMoons(8, { seed: 1 }).features);
export { data, bytes, scaled };
