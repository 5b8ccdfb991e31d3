// A minimal protobuf decoder for the client's hottest answers: list pages of hundreds of
// `TaskDetailed` or `ResultRaw` rows, which a trace reads by the hundred thousand. protobufjs'
// generic path decodes each row into a message object, converts it to a plain object, and the
// codec then copies that into the model: three objects per row and one per timestamp. Reading the
// fields straight into the model halves the time of a page and most of its garbage.
//
// Decoding follows the protobuf encoding rules as protobufjs applies them, which the tests check
// on the same bytes: unknown fields are skipped whatever their wire type, a scalar or message
// field met twice keeps its last value, int32 values are the low 32 bits of the varint, int64
// values beyond 2^53 lose precision (like `longs: Number`).

import { ArmoniKError } from '../errors';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_I32 = 5;

export class ProtoReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  /** An unsigned varint of at most 32 significant bits: tags and lengths. */
  uint32(): number {
    const buf = this.buf;
    let byte = buf[this.pos++]!;
    if (byte < 0x80) return byte;
    let value = byte & 0x7f;
    byte = buf[this.pos++]!;
    value |= (byte & 0x7f) << 7;
    if (byte < 0x80) return value;
    byte = buf[this.pos++]!;
    value |= (byte & 0x7f) << 14;
    if (byte < 0x80) return value;
    byte = buf[this.pos++]!;
    value |= (byte & 0x7f) << 21;
    if (byte < 0x80) return value;
    byte = buf[this.pos++]!;
    value = (value | ((byte & 0x0f) << 28)) >>> 0;
    if (byte < 0x80) return value;
    // Bits above 32 (a negative int32 is sign-extended to ten bytes): read and drop them.
    for (let i = 0; i < 5; i++) if (this.buf[this.pos++]! < 0x80) return value;
    throw this.malformed('varint longer than ten bytes');
  }

  /** int32 and enums: the low 32 bits, signed. */
  int32(): number {
    return this.uint32() | 0;
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  /** int64 as a JS number. Exact below 2^53, like protobufjs with `longs: Number`. */
  int64(): number {
    const buf = this.buf;
    const start = this.pos;
    let value = 0;
    let scale = 1;
    // Seven bytes hold 49 bits: every timestamp, size and count, read without BigInt.
    for (let i = 0; i < 7; i++) {
      const byte = buf[this.pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    this.pos = start;
    let big = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const byte = buf[this.pos++]!;
      big |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return Number(BigInt.asIntN(64, big));
      shift += 7n;
    }
    throw this.malformed('varint longer than ten bytes');
  }

  /** The end offset of a length-delimited field whose length comes next. */
  delimitedEnd(): number {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.end) throw this.malformed('length-delimited field runs past the end of its message');
    return end;
  }

  string(): string {
    const end = this.delimitedEnd();
    const start = this.pos;
    this.pos = end;
    return start === end ? '' : this.buf.toString('utf8', start, end);
  }

  /** A copy: the model never aliases the receive buffer. */
  bytes(): Uint8Array {
    const end = this.delimitedEnd();
    const copy = new Uint8Array(this.buf.subarray(this.pos, end));
    this.pos = end;
    return copy;
  }

  /** Skips the value of a field of this wire type (its tag already read). */
  skip(wireType: number, field = 0): void {
    switch (wireType) {
      case WIRE_VARINT:
        while (this.buf[this.pos++]! >= 0x80) if (this.pos >= this.end) throw this.malformed('truncated varint');
        break;
      case WIRE_I64:
        this.pos += 8;
        break;
      case WIRE_LEN:
        this.pos = this.delimitedEnd();
        break;
      case WIRE_START_GROUP:
        for (;;) {
          if (this.pos >= this.end) throw this.malformed('unterminated group');
          const tag = this.uint32();
          if ((tag & 7) === WIRE_END_GROUP) {
            if (tag >>> 3 !== field) throw this.malformed('mismatched end of group');
            break;
          }
          this.skip(tag & 7, tag >>> 3);
        }
        break;
      case WIRE_I32:
        this.pos += 4;
        break;
      default:
        throw this.malformed(`unknown wire type ${wireType}`);
    }
    if (this.pos > this.end) throw this.malformed('field runs past the end of its message');
  }

  /** `google.protobuf.Timestamp` or `Duration` (same fields) as milliseconds, fractional. */
  secondsAndNanosMs(): number {
    const end = this.delimitedEnd();
    let seconds = 0;
    let nanos = 0;
    while (this.pos < end) {
      const tag = this.uint32();
      if (tag === 8) seconds = this.int64();
      else if (tag === 16) nanos = this.int32();
      else this.skip(tag & 7, tag >>> 3);
    }
    this.pos = end;
    return seconds * 1000 + nanos / 1_000_000;
  }

  /** `google.protobuf.Timestamp` as a Date, truncated to the millisecond (time-codec's rule). */
  timestamp(): Date {
    return new Date(Math.floor(this.secondsAndNanosMs()));
  }

  malformed(what: string): ArmoniKError {
    return new ArmoniKError('internal', `malformed protobuf answer from the control plane: ${what} (at byte ${this.pos})`);
  }
}
