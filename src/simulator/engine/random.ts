// Seeded pseudo-random source. The simulator must be reproducible: the same seed and the same
// calls give the same IDs, durations and pod names, so tests can assert on them and a demo can
// be replayed. sfc32 is small, fast and good enough for simulation (not for cryptography).

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const UUID_BUFFER = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');

function writeByte(buf: Buffer, at: number, byte: number): void {
  buf[at] = HEX_DIGITS[byte >>> 4]!;
  buf[at + 1] = HEX_DIGITS[byte & 15]!;
}

/** 32-bit mix of a seed and a label, so independent streams can be derived from one seed. */
function hashSeed(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x85ebca6b);
    h = (h ^ (h >>> 13)) >>> 0;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, label = '') {
    const s = hashSeed(Math.floor(seed) >>> 0, label);
    this.a = s;
    this.b = hashSeed(s, 'b');
    this.c = hashSeed(s, 'c');
    this.d = 1;
    // Warm up so that close seeds diverge.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream derived from this seed and a label. */
  static derive(seed: number, label: string): SeededRandom {
    return new SeededRandom(seed, label);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [min, max]. */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Normal deviate (Box–Muller). */
  normal(mean: number, stddev: number): number {
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    const v = this.next();
    return mean + stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  exponential(mean: number): number {
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    return -mean * Math.log(u);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Lower-case alphanumeric string, as Kubernetes uses in pod names. */
  alnum(length: number): string {
    const chars = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < length; i++) out += chars[this.int(chars.length)];
    return out;
  }

  /** An RFC 4122 version-4-looking GUID drawn from this stream (reproducible per seed; as
   * unlikely to collide as real v4 GUIDs). Written into a byte buffer so that V8 stores it as one
   * flat 36-byte string: concatenation would leave a rope of 20 pieces per ID, ten times the
   * memory, and the `large` scenario keeps three million of them. */
  uuid(): string {
    const buf = UUID_BUFFER;
    const w0 = this.nextUint32();
    const w1 = this.nextUint32();
    const w2 = this.nextUint32();
    const w3 = this.nextUint32();
    writeByte(buf, 0, w0 >>> 24);
    writeByte(buf, 2, (w0 >>> 16) & 255);
    writeByte(buf, 4, (w0 >>> 8) & 255);
    writeByte(buf, 6, w0 & 255);
    writeByte(buf, 9, w1 >>> 24);
    writeByte(buf, 11, (w1 >>> 16) & 255);
    writeByte(buf, 14, ((w1 >>> 8) & 0x0f) | 0x40); // version 4
    writeByte(buf, 16, w1 & 255);
    writeByte(buf, 19, ((w2 >>> 24) & 0x3f) | 0x80); // variant 10xx
    writeByte(buf, 21, (w2 >>> 16) & 255);
    writeByte(buf, 24, (w2 >>> 8) & 255);
    writeByte(buf, 26, w2 & 255);
    writeByte(buf, 28, w3 >>> 24);
    writeByte(buf, 30, (w3 >>> 16) & 255);
    writeByte(buf, 32, (w3 >>> 8) & 255);
    writeByte(buf, 34, w3 & 255);
    return buf.toString('latin1', 0, 36);
  }
}
