// FIFO of pending events where a newer event about the same object and aspect replaces the
// pending older one in place (its position is kept). The queue therefore never holds more than
// one entry per key, however many events arrive while a client is slow.
//
// Keys live in an array with a moving head (a Map's "first entry" is not O(1) after many
// deletions at its front: V8 skips the deleted slots on every lookup).

export class CoalescingQueue<K, V> {
  private readonly latest = new Map<K, V>();
  private order: K[] = [];
  private head = 0;

  get size(): number {
    return this.latest.size;
  }

  push(key: K, value: V): void {
    if (!this.latest.has(key)) this.order.push(key);
    this.latest.set(key, value);
  }

  shift(): V | undefined {
    while (this.head < this.order.length) {
      const key = this.order[this.head++];
      if (this.head > 1024 && this.head * 2 > this.order.length) {
        this.order = this.order.slice(this.head);
        this.head = 0;
      }
      const value = this.latest.get(key);
      if (value === undefined) continue;
      this.latest.delete(key);
      return value;
    }
    return undefined;
  }

  clear(): void {
    this.latest.clear();
    this.order = [];
    this.head = 0;
  }
}
