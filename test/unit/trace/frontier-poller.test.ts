// Polling without an Events service: quick while things change, backing off while they do not,
// and stopping on a failure.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrontierPoller } from '../../../src/trace/live/frontier-poller';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('frontier poller', () => {
  it('backs off while nothing changes and speeds up again on a change', async () => {
    const answers = [false, false, false, true];
    const intervals: number[] = [];
    const poller = new FrontierPoller(
      async () => answers.shift() ?? false,
      () => assert.fail('no failure expected'),
      { minIntervalMs: 5, maxIntervalMs: 20, backoff: 2 },
    );
    const original = poller['schedule'].bind(poller);
    poller['schedule'] = () => {
      intervals.push(poller.currentIntervalMs);
      original();
    };
    poller.start();
    await wait(150);
    poller.close();
    assert.deepEqual(intervals.slice(0, 6), [5, 10, 20, 20, 5, 10]);
  });

  it('stops and reports when a poll fails', async () => {
    let polls = 0;
    let failure: Error | undefined;
    const poller = new FrontierPoller(
      async () => {
        polls += 1;
        throw new Error('control plane gone');
      },
      (error) => (failure = error),
      { minIntervalMs: 5, maxIntervalMs: 5, backoff: 1 },
    );
    poller.start();
    await wait(60);
    assert.equal(polls, 1);
    assert.equal(failure?.message, 'control plane gone');
  });
});
