// Group commit. A commit on a WAL file costs more than the write it commits (a POST's INSERT:
// ~15 us in a transaction, ~85 us as a statement of its own: the WAL frames of every page it
// touched, the WAL index and the locks). The writes that arrive together (the requests read in
// one turn of the event loop) run in one IMMEDIATE transaction, committed once, and only then
// is each answered: an answered write is committed as before (it survives kill -9), and a
// write is never answered before it is.
//
// Each write is one statement, so it is atomic by itself: a statement that fails (a parent's
// UNIQUE constraint, say) undoes only itself and its request is answered with the error, the
// others commit. Should the transaction itself fail (the database busy or full past the busy
// timeout), nothing of it was committed, and each write runs again alone.
import type { Store } from "./store.js";

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function attempt(write: () => unknown): Outcome {
  try {
    return { ok: true, value: write() };
  } catch (error) {
    return { ok: false, error };
  }
}

export class WriteBatch {
  private pending: Pending[] = [];
  private scheduled = false;
  /** Writes committed in a transaction with others (for tests). */
  grouped = 0;

  constructor(private readonly store: Store) {}

  /**
   * Runs `write` (one statement) with the writes submitted in the same turn of the event loop,
   * and resolves with its result once they are committed.
   */
  submit<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn: every request read in it has submitted.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    if (batch.length === 1) {
      const [only] = batch as [Pending];
      this.settle(only, attempt(only.write));
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes = this.store.transaction(() =>
        batch.map((p) => {
          const outcome = attempt(p.write);
          // A failed statement that ended the transaction (SQLite rolls back on some errors):
          // the batch is undone, so each write runs again alone.
          if (!outcome.ok && !this.store.db.inTransaction) throw outcome.error;
          return outcome;
        }),
      );
      this.grouped += batch.length;
    } catch {
      outcomes = batch.map((p) => attempt(p.write));
    }
    for (const [i, p] of batch.entries()) this.settle(p, outcomes[i] as Outcome);
  }

  private settle(p: Pending, outcome: Outcome): void {
    if (outcome.ok) p.resolve(outcome.value);
    else p.reject(outcome.error);
  }
}
