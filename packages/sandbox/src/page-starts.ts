// Where an organization's pages start, for pages deep into it. `OFFSET n` walks n entries of
// the (organization_id, id) index before the page (19.8 ms at 330,000); with every STEP-th id
// of the organization at hand, the page at offset n is `id >= ids[n / STEP]` with an OFFSET of
// n % STEP: the same rows, at most STEP entries walked.
//
// The ids are sampled once per version of the organization's records: a counter the database's
// triggers bump on every insert, delete or move, whichever process wrote. A cache whose
// version no longer matches is sampled again, so two sandboxes on one file stay exact.

/** Every STEP-th id is kept: 1,000,000 records are ~2,000 numbers, a seek walks < STEP entries. */
export const STEP = 512;

export interface Seek {
  /** The id the page starts at or after. */
  fromId: number;
  /** What is left to skip from it. */
  offset: number;
}

export class PageStarts {
  private readonly cache = new Map<number, { version: number; ids: number[] }>();

  /** `sample(organizationId, step)`: the ids at offsets 0, step, 2 step... in id order. */
  constructor(private readonly sample: (organizationId: number, step: number) => number[]) {}

  /** How to reach `offset` from a sampled id; undefined when a plain OFFSET is as cheap. */
  seek(organizationId: number, version: number, offset: number): Seek | undefined {
    if (offset < STEP) return undefined;
    let entry = this.cache.get(organizationId);
    if (entry?.version !== version) {
      entry = { version, ids: this.sample(organizationId, STEP) };
      this.cache.set(organizationId, entry);
    }
    const k = Math.floor(offset / STEP);
    const fromId = entry.ids[k];
    return fromId === undefined ? undefined : { fromId, offset: offset - k * STEP };
  }
}
