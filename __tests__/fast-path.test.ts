import { join } from 'node:path';
import { lint } from '../src/engine.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { layoutOf, readInput, WorkTreeSnapshot } from '../src/sources/snapshot.js';
import { ROOT } from './helpers/run.js';

describe('linting some proposals of a folder', () => {
  it('gives exactly the findings of a full run for those proposals and the index', async () => {
    const layout = layoutOf(DEFAULT_CONFIG);
    const { input } = await readInput(new WorkTreeSnapshot(join(ROOT, 'examples')), layout);
    const full = lint(input).findings;
    expect(full.length).toBeGreaterThan(20);
    for (const proposal of input.proposals) {
      const targeted = lint({ ...input, targets: new Set([proposal.path]) }).findings;
      const expected = full.filter(
        (finding) => finding.file === proposal.path || finding.file === input.index?.path,
      );
      expect(targeted).toEqual(expected);
    }
  });
});
