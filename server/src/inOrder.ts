/**
 * Takes results that arrive in any order (from several threads) and passes them on in index
 * order, each as soon as every earlier one has been passed on.
 */
export class InOrder<T> {
  private readonly waiting: Array<T | undefined> = [];
  private next = 0;

  constructor(
    private readonly total: number,
    private readonly take: (i: number, value: T) => void,
  ) {}

  /** Hands in result `i`; true once all `total` results have been passed on. */
  put(i: number, value: T): boolean {
    this.waiting[i] = value;
    while (this.next < this.total && this.waiting[this.next] !== undefined) {
      const value = this.waiting[this.next]!;
      this.waiting[this.next] = undefined;
      this.take(this.next++, value);
    }
    return this.next === this.total;
  }
}
