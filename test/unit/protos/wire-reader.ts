// A minimal protobuf wire-format reader and writer, written from the encoding spec
// (tag = field_number << 3 | wire_type) and deliberately independent of protobufjs,
// so tests can check which field numbers really reach the wire.

export const WT = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;

export interface WireEntry {
  field: number;
  wireType: number;
  /** Set for VARINT; also holds I64/I32 as unsigned little-endian integers. */
  int?: bigint;
  /** Set for LEN. */
  bytes?: Buffer;
}

export function readVarint(buf: Uint8Array, start: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  for (let pos = start; pos < buf.length && shift < 70n; pos++) {
    const byte = buf[pos] as number;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value, next: pos + 1 };
    shift += 7n;
  }
  throw new Error(`truncated or overlong varint at offset ${start}`);
}

function readFixed(buf: Uint8Array, pos: number, size: number): bigint {
  if (pos + size > buf.length) throw new Error(`truncated fixed${size * 8} at offset ${pos}`);
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[pos + i] as number);
  return v;
}

/** Splits one message's bytes into its top-level entries, in wire order. */
export function decodeEntries(buf: Uint8Array): WireEntry[] {
  const out: WireEntry[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const tag = readVarint(buf, pos);
    pos = tag.next;
    const field = Number(tag.value >> 3n);
    const wireType = Number(tag.value & 7n);
    if (field === 0) throw new Error('field number 0 is invalid');
    switch (wireType) {
      case WT.VARINT: {
        const v = readVarint(buf, pos);
        out.push({ field, wireType, int: v.value });
        pos = v.next;
        break;
      }
      case WT.I64:
        out.push({ field, wireType, int: readFixed(buf, pos, 8) });
        pos += 8;
        break;
      case WT.I32:
        out.push({ field, wireType, int: readFixed(buf, pos, 4) });
        pos += 4;
        break;
      case WT.LEN: {
        const len = readVarint(buf, pos);
        const end = len.next + Number(len.value);
        if (end > buf.length) throw new Error(`truncated LEN field ${field}`);
        out.push({ field, wireType, bytes: Buffer.from(buf.subarray(len.next, end)) });
        pos = end;
        break;
      }
      default:
        throw new Error(`unsupported wire type ${wireType} on field ${field}`);
    }
  }
  return out;
}

/** Reads a packed run of varints (a repeated scalar/enum LEN payload). */
export function decodePackedVarints(buf: Uint8Array): bigint[] {
  const out: bigint[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const v = readVarint(buf, pos);
    out.push(v.value);
    pos = v.next;
  }
  return out;
}

/** Convenience view over a decoded message with asserting accessors. */
export class WireView {
  constructor(readonly entries: WireEntry[]) {}

  static of(buf: Uint8Array): WireView {
    return new WireView(decodeEntries(buf));
  }

  /** Distinct field numbers present, ascending. */
  fieldNumbers(): number[] {
    return [...new Set(this.entries.map((e) => e.field))].sort((a, b) => a - b);
  }

  all(field: number): WireEntry[] {
    return this.entries.filter((e) => e.field === field);
  }

  one(field: number, wireType: number): WireEntry {
    const hits = this.all(field);
    if (hits.length !== 1) throw new Error(`expected one entry on field ${field}, got ${hits.length}`);
    const e = hits[0] as WireEntry;
    if (e.wireType !== wireType) throw new Error(`field ${field}: wire type ${e.wireType}, expected ${wireType}`);
    return e;
  }

  bytes(field: number): Buffer {
    return this.one(field, WT.LEN).bytes as Buffer;
  }

  str(field: number): string {
    return this.bytes(field).toString('utf8');
  }

  strs(field: number): string[] {
    return this.all(field).map((e) => {
      if (e.wireType !== WT.LEN) throw new Error(`field ${field}: not LEN`);
      return (e.bytes as Buffer).toString('utf8');
    });
  }

  varint(field: number): number {
    return Number(this.one(field, WT.VARINT).int);
  }

  msg(field: number): WireView {
    return WireView.of(this.bytes(field));
  }

  msgs(field: number): WireView[] {
    return this.all(field).map((e) => {
      if (e.wireType !== WT.LEN) throw new Error(`field ${field}: not LEN`);
      return WireView.of(e.bytes as Buffer);
    });
  }
}

// ---- writer, for feeding hand-made bytes to the runtime decoder ----

export function encodeVarint(value: number | bigint): Buffer {
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n; // negative int32/int64 are sent as 10-byte two's complement
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Buffer.from(out);
}

export function tag(field: number, wireType: number): Buffer {
  return encodeVarint((BigInt(field) << 3n) | BigInt(wireType));
}

export function varintField(field: number, value: number | bigint): Buffer {
  return Buffer.concat([tag(field, WT.VARINT), encodeVarint(value)]);
}

export function lenField(field: number, payload: Buffer | string): Buffer {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([tag(field, WT.LEN), encodeVarint(bytes.length), bytes]);
}
