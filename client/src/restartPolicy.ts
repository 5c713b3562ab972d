/**
 * Decides whether a crashed server is started again: at most `limit` restarts within a sliding
 * window, so a server that crashes on every start does not spin forever. No `vscode` import,
 * so it is tested without an editor.
 */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    readonly limit = 4,
    readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** Records a crash at `now` (ms): restart with this attempt number, or give up. */
  crashed(now: number): { readonly restart: true; readonly attempt: number } | { readonly restart: false; readonly crashes: number } {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    if (this.crashes.length <= this.limit) return { restart: true, attempt: this.crashes.length };
    return { restart: false, crashes: this.crashes.length };
  }

  /** Forgets past crashes (after a restart the user asked for). */
  reset(): void {
    this.crashes = [];
  }
}
