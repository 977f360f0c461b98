/**
 * A workbook's shared-string table, packed: the texts as UTF-8 in one buffer and where each ends.
 * An import's table holds every ID number and phone of the sheet; as JS strings they cost ~40
 * bytes each on top of their text, and the parser's slices kept whole inflated chunks alive.
 */
export class SharedStrings {
  #bytes = Buffer.allocUnsafe(64 * 1024);
  #ends = new Uint32Array(4096);
  #count = 0;
  #used = 0;

  get size(): number {
    return this.#count;
  }

  push(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8, so this much room always suffices.
    const room = text.length * 3;
    if (this.#used + room > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#used + room));
      this.#bytes.copy(grown, 0, 0, this.#used);
      this.#bytes = grown;
    }
    if (this.#count === this.#ends.length) {
      const grown = new Uint32Array(this.#ends.length * 2);
      grown.set(this.#ends);
      this.#ends = grown;
    }
    this.#used += this.#bytes.write(text, this.#used, 'utf8');
    this.#ends[this.#count++] = this.#used;
  }

  /** The text at a 0-based index, or undefined for an index the table does not have. */
  at(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#count) return undefined;
    return this.#bytes.toString('utf8', index === 0 ? 0 : this.#ends[index - 1], this.#ends[index]);
  }
}
