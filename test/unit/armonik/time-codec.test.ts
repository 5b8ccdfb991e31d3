import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dateToTimestamp,
  durationToMs,
  msToDuration,
  msToTimestamp,
  timestampToDate,
  timestampToMs,
} from '../../../src/armonik/wire/time-codec';
import { serviceDefinitions } from '../../../src/armonik/wire/load';

test('absent timestamps and durations decode to undefined, never to epoch zero', () => {
  assert.equal(timestampToDate(null), undefined);
  assert.equal(timestampToDate(undefined), undefined);
  assert.equal(timestampToMs(null), undefined);
  assert.equal(durationToMs(null), undefined);
  assert.equal(durationToMs(undefined), undefined);
});

test('a present zero timestamp is the epoch, not "unset"', () => {
  assert.deepEqual(timestampToDate({ seconds: 0, nanos: 0 }), new Date(0));
});

test('timestamps keep millisecond precision both ways', () => {
  const date = new Date('2024-05-06T07:08:09.123Z');
  const wire = dateToTimestamp(date);
  assert.deepEqual(wire, { seconds: 1714979289, nanos: 123_000_000 });
  assert.deepEqual(timestampToDate(wire), date);
  assert.equal(timestampToMs({ seconds: 1714979289, nanos: 123_456_789 }), date.getTime());
});

test('timestamps before 1970 normalise nanos into [0, 1e9)', () => {
  assert.deepEqual(msToTimestamp(-1), { seconds: -1, nanos: 999_000_000 });
  assert.equal(timestampToMs(msToTimestamp(-1)), -1);
  assert.equal(timestampToMs(msToTimestamp(-1500)), -1500);
});

test('undefined and non-finite values encode as absent fields', () => {
  assert.equal(msToTimestamp(undefined), null);
  assert.equal(msToTimestamp(Number.NaN), null);
  assert.equal(dateToTimestamp(undefined), null);
  assert.equal(dateToTimestamp(new Date('not a date')), null);
  assert.equal(msToDuration(undefined), null);
  assert.equal(msToDuration(Number.POSITIVE_INFINITY), null);
});

test('durations convert to milliseconds, keeping sub-millisecond fractions', () => {
  assert.equal(durationToMs({ seconds: 90, nanos: 0 }), 90_000);
  assert.equal(durationToMs({ seconds: 1, nanos: 500_000 }), 1000.5);
  assert.deepEqual(msToDuration(1500), { seconds: 1, nanos: 500_000_000 });
  assert.deepEqual(msToDuration(0), { seconds: 0, nanos: 0 });
  assert.equal(durationToMs(msToDuration(1234.25)), 1234.25);
});

test('negative durations keep seconds and nanos of the same sign', () => {
  assert.deepEqual(msToDuration(-1500), { seconds: -1, nanos: -500_000_000 });
  assert.equal(durationToMs(msToDuration(-1500)), -1500);
  assert.deepEqual(msToDuration(-0.0000001), { seconds: 0, nanos: 0 });
});

test('seconds given as strings (Input shapes) are read too', () => {
  assert.equal(timestampToMs({ seconds: '10', nanos: 0 }), 10_000);
  assert.equal(durationToMs({ seconds: '2' }), 2000);
});

test('encoded values survive real protobuf serialisation', () => {
  // TaskOptions.max_duration is a Duration; CreateSession carries it — round trip through bytes.
  const def = serviceDefinitions().sessions.CreateSession;
  const bytes = def.requestSerialize({ defaultTaskOption: { maxDuration: msToDuration(61_250) } });
  const back = def.requestDeserialize(bytes);
  assert.equal(durationToMs(back.defaultTaskOption?.maxDuration), 61_250);
  const absent = def.requestDeserialize(def.requestSerialize({ defaultTaskOption: { maxDuration: msToDuration(undefined) } }));
  assert.equal(durationToMs(absent.defaultTaskOption?.maxDuration), undefined);
});
