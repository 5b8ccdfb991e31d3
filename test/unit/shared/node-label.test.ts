// Cut IDs: the first 8 characters of a GUID tell tasks apart in practice, and the attempt of a
// retry must survive the cut, or three attempts of one task read as the same task.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abbreviatedId, shortId } from '../../../src/shared/node-label';

const GUID = '3f2a9c1e-7b4d-4e8a-9f10-2c3d4e5f6a7b';

describe('cut IDs', () => {
  it('labels cut a GUID to its first 8 characters and keep the attempt of a retry', () => {
    assert.equal(shortId(GUID), '3f2a9c1e');
    assert.equal(shortId(`${GUID}###2`), '3f2a9c1e###2');
    assert.equal(shortId('agg'), 'agg');
  });

  it('prose marks the cut, and keeps the attempt of a retry too', () => {
    assert.equal(abbreviatedId(GUID), '3f2a9c1e…');
    assert.equal(abbreviatedId(`${GUID}###1`), '3f2a9c1e…###1');
    assert.equal(abbreviatedId('flaky-loader###2'), 'flaky-loader###2');
  });
});
