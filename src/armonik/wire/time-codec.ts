// Timestamp / Duration <-> model conversions, shared by the client's codecs and the simulator's
// gRPC layer. Conventions (reference §0): an absent Timestamp or Duration means "not set" and
// maps to `undefined`; we never write epoch zero for "not set", and never read epoch zero as one
// either (a zero Timestamp that is present is a real date, 1970-01-01).
//
// The model keeps dates as `Date` (client side) or epoch milliseconds (simulator records) and
// durations as milliseconds. Sub-millisecond precision of durations is kept as a fraction;
// dates are truncated to the millisecond because `Date` cannot hold more.

import type { WireDuration, WireDurationInput, WireTimestamp, WireTimestampInput } from './types';

const MS_PER_S = 1000;
const NS_PER_MS = 1_000_000;

function secondsOf(value: unknown): number {
  // proto-loader is configured with `longs: Number`, but Input shapes may carry strings or Long.
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  if (value && typeof value === 'object' && 'toNumber' in value && typeof value.toNumber === 'function') {
    return Number(value.toNumber());
  }
  return 0;
}

function totalMs(value: { seconds?: unknown; nanos?: unknown }): number {
  const nanos = typeof value.nanos === 'number' ? value.nanos : 0;
  return secondsOf(value.seconds) * MS_PER_S + nanos / NS_PER_MS;
}

/** Wire Timestamp → epoch milliseconds; absent → undefined. */
export function timestampToMs(ts: WireTimestamp | WireTimestampInput | null | undefined): number | undefined {
  if (!ts) return undefined;
  return Math.floor(totalMs(ts));
}

/** Wire Timestamp → Date; absent → undefined. */
export function timestampToDate(ts: WireTimestamp | WireTimestampInput | null | undefined): Date | undefined {
  const ms = timestampToMs(ts);
  return ms === undefined ? undefined : new Date(ms);
}

/**
 * Epoch milliseconds → wire Timestamp; undefined → null (field absent on the wire).
 * Timestamps normalise to `nanos` in [0, 1e9) even before 1970, as protobuf requires.
 */
export function msToTimestamp(ms: number | undefined): WireTimestamp | null {
  if (ms === undefined || !Number.isFinite(ms)) return null;
  const whole = Math.floor(ms);
  const seconds = Math.floor(whole / MS_PER_S);
  const nanos = (whole - seconds * MS_PER_S) * NS_PER_MS;
  return { seconds, nanos };
}

/** Date → wire Timestamp; undefined or an invalid Date → null (field absent). */
export function dateToTimestamp(date: Date | undefined): WireTimestamp | null {
  return date === undefined ? null : msToTimestamp(date.getTime());
}

/** Wire Duration → milliseconds (fractional when the duration has sub-ms nanos); absent → undefined. */
export function durationToMs(d: WireDuration | WireDurationInput | null | undefined): number | undefined {
  if (!d) return undefined;
  return totalMs(d);
}

/**
 * Milliseconds → wire Duration; undefined → null (field absent). Negative durations keep
 * `seconds` and `nanos` of the same sign, as protobuf requires.
 */
export function msToDuration(ms: number | undefined): WireDuration | null {
  if (ms === undefined || !Number.isFinite(ms)) return null;
  const seconds = Math.trunc(ms / MS_PER_S);
  const nanos = Math.round((ms - seconds * MS_PER_S) * NS_PER_MS);
  // Rounding can push |nanos| to a full second; carry it so nanos stays within ±999,999,999.
  if (Math.abs(nanos) >= MS_PER_S * NS_PER_MS) {
    return { seconds: seconds + Math.sign(nanos), nanos: nanos - Math.sign(nanos) * MS_PER_S * NS_PER_MS };
  }
  // `=== 0 ? 0 :` turns -0 into 0 so that tiny negative inputs do not print as -0.
  return { seconds: seconds === 0 ? 0 : seconds, nanos: nanos === 0 ? 0 : nanos };
}
