// Binary min-heap of scheduled items ordered by (time, insertion sequence). The sequence makes
// the order of items due at the same virtual millisecond deterministic (first scheduled, first
// run), which keeps simulations reproducible.

export class TimerHeap<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(time: number, item: T): void {
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const s = this.seq++;
    let i = items.length;
    times.push(time);
    seqs.push(s);
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < s)) break;
      times[i] = pt;
      seqs[i] = seqs[p]!;
      items[i] = items[p]!;
      i = p;
    }
    times[i] = time;
    seqs[i] = s;
    items[i] = item;
  }

  peekTime(): number | undefined {
    return this.times.length > 0 ? this.times[0] : undefined;
  }

  pop(): T | undefined {
    const items = this.items;
    const n = items.length;
    if (n === 0) return undefined;
    const times = this.times;
    const seqs = this.seqs;
    const top = items[0]!;
    const lastTime = times.pop()!;
    const lastSeq = seqs.pop()!;
    const lastItem = items.pop()!;
    const m = n - 1;
    if (m > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= m) break;
        const r = l + 1;
        let c = l;
        if (r < m && (times[r]! < times[l]! || (times[r] === times[l] && seqs[r]! < seqs[l]!))) c = r;
        const ct = times[c]!;
        if (ct > lastTime || (ct === lastTime && seqs[c]! > lastSeq)) break;
        times[i] = ct;
        seqs[i] = seqs[c]!;
        items[i] = items[c]!;
        i = c;
      }
      times[i] = lastTime;
      seqs[i] = lastSeq;
      items[i] = lastItem;
    }
    return top;
  }

  clear(): void {
    this.times = [];
    this.seqs = [];
    this.items = [];
  }
}
