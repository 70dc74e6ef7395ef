import { describe, expect, it } from 'vitest';
import { checkpointStore, getPlatform, memoryStore } from '../src/platform.ts';

describe('platform defaults', () => {
  it('in Node, checkpoints are files and progress goes to stdout (registered by src/node/index.ts)', () => {
    expect(getPlatform().log).toBe(process.stdout);
    expect(checkpointStore('fit')).toBe(getPlatform().checkpoints);
  });

  it('a given store wins; memoryStore keeps text by name and says which name is missing', () => {
    const store = memoryStore();
    expect(checkpointStore('fit', store)).toBe(store);
    store.write('a.json', '{"x":1}');
    store.write('a.json', '{"x":2}');
    expect(store.read('a.json')).toBe('{"x":2}');
    expect([...store.files.keys()]).toEqual(['a.json']);
    expect(() => store.read('b.json')).toThrow('no such checkpoint in memory: b.json');
  });
});
