/**
 * docs/operations.md names the pipeline's timed steps (the `step` label of
 * `knooppunt_pipeline_step_seconds`): exactly the steps the pipeline has, in its order.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { PIPELINE_STEPS } from '../../../src/pipeline/types.ts';

describe('ops: the pipeline steps in docs/operations.md', () => {
  it('lists every timed step of the pipeline, in order, and no other', () => {
    const doc = readFileSync(new URL('../../../docs/operations.md', import.meta.url), 'utf8');
    const row =
      /^\| `knooppunt_pipeline_step_seconds\{step\}` +\| time of each step: ([a-z, ]+?) +\|$/m.exec(
        doc,
      );
    expect(row, 'the metric row of docs/operations.md').to.not.equal(null);
    expect(row?.[1]?.split(', ')).to.deep.equal([...PIPELINE_STEPS]);
  });
});
