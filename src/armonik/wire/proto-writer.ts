// A minimal protobuf encoder for the hottest messages: the simulator's list pages of a thousand
// tasks or results, and the client's requests for hundreds of IDs at once. protobufjs' generic
// path (`fromObject` then `encode`) allocates a message object per row, per filter term and per
// timestamp, which made serialisation the main cost of those messages; writing the fields
// straight from our own records is about three times faster.
//
// Encoding follows proto3: scalar fields equal to their default are omitted; present
// sub-messages are written even when empty; varints are canonical (shortest form).

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

function varintSize(value: number): number {
  if (value < 0) return 10;
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

export class ProtoWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialSize = 16 * 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Non-negative integers below 2^53 inline; negatives as 10-byte two's complement (int32 and
   * int64 both sign-extend to 64 bits on the wire). */
  varint(value: number): void {
    this.ensure(10);
    if (value < 0) {
      let big = BigInt.asUintN(64, BigInt(Math.trunc(value)));
      for (let i = 0; i < 9; i++) {
        this.buf[this.pos++] = Number(big & 0x7fn) | 0x80;
        big >>= 7n;
      }
      this.buf[this.pos++] = Number(big);
      return;
    }
    while (value >= 128) {
      this.buf[this.pos++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buf[this.pos++] = value;
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  int(field: number, value: number): void {
    if (value === 0) return;
    this.tag(field, WIRE_VARINT);
    this.varint(value);
  }

  bool(field: number, value: boolean): void {
    if (!value) return;
    this.tag(field, WIRE_VARINT);
    this.varint(1);
  }

  string(field: number, value: string): void {
    if (value === '') return;
    this.stringAlways(field, value);
  }

  /** For repeated strings, where an empty element still counts. */
  stringAlways(field: number, value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    this.tag(field, WIRE_LEN);
    this.varint(length);
    this.ensure(length);
    this.pos += this.buf.write(value, this.pos, length, 'utf8');
  }

  repeatedString(field: number, values: readonly string[]): void {
    for (const value of values) this.stringAlways(field, value);
  }

  bytes(field: number, value: Uint8Array): void {
    if (value.length === 0) return;
    this.embedded(field, value);
  }

  /** An already encoded sub-message (written even when empty: presence matters). */
  embedded(field: number, encoded: Uint8Array): void {
    this.tag(field, WIRE_LEN);
    this.varint(encoded.length);
    this.ensure(encoded.length);
    this.buf.set(encoded, this.pos);
    this.pos += encoded.length;
  }

  /** Bytes that are already whole fields (tags included), appended as they are. */
  raw(encoded: Uint8Array): void {
    this.ensure(encoded.length);
    this.buf.set(encoded, this.pos);
    this.pos += encoded.length;
  }

  /** A sub-message written by `write`; its length prefix is fixed up afterwards. */
  message(field: number, write: (w: ProtoWriter) => void): void {
    this.tag(field, WIRE_LEN);
    // Reserve one length byte and move the body if the length needs more (rows of a page are
    // a few hundred bytes: one short move each, much cheaper than encoding twice).
    this.ensure(1);
    const lengthAt = this.pos++;
    const bodyStart = this.pos;
    write(this);
    const length = this.pos - bodyStart;
    const size = varintSize(length);
    if (size > 1) {
      this.ensure(size - 1);
      this.buf.copyWithin(lengthAt + size, bodyStart, this.pos);
      this.pos += size - 1;
    }
    let value = length;
    let at = lengthAt;
    while (value >= 128) {
      this.buf[at++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buf[at] = value;
  }

  /** google.protobuf.Timestamp from epoch ms (same normalisation as time-codec's msToTimestamp);
   * undefined leaves the field absent. */
  timestamp(field: number, ms: number | undefined): void {
    if (ms === undefined || !Number.isFinite(ms)) return;
    const whole = Math.floor(ms);
    const seconds = Math.floor(whole / 1000);
    const nanos = (whole - seconds * 1000) * 1_000_000;
    this.secondsAndNanos(field, seconds, nanos);
  }

  /** google.protobuf.Duration from ms (same rules as time-codec's msToDuration). */
  duration(field: number, ms: number | undefined): void {
    if (ms === undefined || !Number.isFinite(ms)) return;
    let seconds = Math.trunc(ms / 1000);
    let nanos = Math.round((ms - seconds * 1000) * 1_000_000);
    if (Math.abs(nanos) >= 1_000_000_000) {
      seconds += Math.sign(nanos);
      nanos -= Math.sign(nanos) * 1_000_000_000;
    }
    this.secondsAndNanos(field, seconds, nanos);
  }

  private secondsAndNanos(field: number, seconds: number, nanos: number): void {
    const length = (seconds !== 0 ? 1 + varintSize(seconds) : 0) + (nanos !== 0 ? 1 + varintSize(nanos) : 0);
    this.tag(field, WIRE_LEN);
    this.varint(length);
    this.int(1, seconds);
    this.int(2, nanos);
  }

  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
