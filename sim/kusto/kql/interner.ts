/**
 * Interns strings given as UTF-8 byte ranges: a byte-keyed hash table (FNV-1a, open addressing; each slot holds the
 * hash and the entry) so a repeated value costs a hash and a byte compare, not a string. Codes are given in order of
 * first appearance, "" is 0. Byte forms that decode to one string (invalid UTF-8 → U+FFFD) share its code.
 */
export class ByteInterner {
  readonly dict: string[] = [""];
  /** decoded strings holding U+FFFD, and strings that are not well-formed: the only ones two byte forms can share */
  private readonly odd = new Map<string, number>();
  private slots = new Int32Array(2 << 16);
  private mask = (1 << 16) - 1;
  // entry e: its bytes in `arena` at [start, start + len) and its code, at entries[3e .. 3e+2]
  private arena = new Uint8Array(1 << 20);
  private arenaUsed = 0;
  private entries = new Int32Array(3 << 14);
  private count = 0;

  /** The code of a string (for cells the general path decoded). */
  codeOfString(s: string): number {
    if (!s.isWellFormed()) return this.oddCode(s);
    const b = Buffer.from(s, "utf8");
    return this.codeOf(b, 0, b.length);
  }

  /** The code of the UTF-8 bytes `buf[from, to)`. */
  codeOf(buf: Buffer, from: number, to: number): number {
    const len = to - from;
    if (len === 0) return 0;
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ (buf[i] ?? 0), 0x01000193);
    h |= 1; // 0 marks an empty slot's hash
    const { slots, mask, arena, entries } = this;
    let s = h & mask;
    for (;;) {
      const sh = slots[2 * s] ?? 0;
      if (sh === 0) break;
      if (sh === h) {
        const e = 3 * ((slots[2 * s + 1] ?? 0) - 1);
        if (entries[e + 1] === len) {
          const at = (entries[e] ?? 0) - from;
          let i = from;
          while (i < to && arena[at + i] === buf[i]) i++;
          if (i === to) return entries[e + 2] ?? 0;
        }
      }
      s = (s + 1) & mask;
    }
    const text = buf.toString("utf8", from, to);
    const code = text.includes("\uFFFD") ? this.oddCode(text) : this.newCode(text);
    this.insert(buf, from, len, h, code, s);
    return code;
  }

  private newCode(text: string): number {
    this.dict.push(text);
    return this.dict.length - 1;
  }

  private oddCode(text: string): number {
    let code = this.odd.get(text);
    if (code === undefined) {
      code = this.newCode(text);
      this.odd.set(text, code);
    }
    return code;
  }

  private insert(buf: Uint8Array, from: number, len: number, h: number, code: number, slot: number): void {
    if (this.arenaUsed + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      next.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = next;
    }
    this.arena.set(buf.subarray(from, from + len), this.arenaUsed);
    if (3 * this.count === this.entries.length) {
      const next = new Int32Array(this.entries.length * 2);
      next.set(this.entries);
      this.entries = next;
    }
    const e = this.count++;
    this.entries[3 * e] = this.arenaUsed;
    this.entries[3 * e + 1] = len;
    this.entries[3 * e + 2] = code;
    this.arenaUsed += len;
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = e + 1;
    if (this.count * 2 > this.mask + 1) this.rehash(2 * (this.mask + 1));
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i] ?? 0;
      if (h === 0) continue;
      let s = h & this.mask;
      while ((this.slots[2 * s] ?? 0) !== 0) s = (s + 1) & this.mask;
      this.slots[2 * s] = h;
      this.slots[2 * s + 1] = old[i + 1] ?? 0;
    }
  }
}
