/**
 * jekyll-include-cache's cache: one output (and its problems) per include file and parameters for
 * the whole build, so the first page to render an include fixes what every later page prints.
 * A new site generation is a new build: the cache starts empty again.
 */
export interface CachedInclude<Problem> {
  output: string;
  problems: Problem[];
}

export class IncludeCache<Problem> {
  private readonly entries = new Map<string, CachedInclude<Problem>>();
  private generation: number | undefined;
  private readonly identities = new WeakMap<object, number>();
  private lastIdentity = 0;

  constructor(private readonly currentGeneration: () => number) {}

  /** `Tag#key`: the file and each parameter's value, a document or other object by identity. */
  key(relPath: string, params: unknown): string {
    const generation = this.currentGeneration();
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const values = Object.entries((params ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, value]) => [name, value !== null && typeof value === 'object' ? `#${this.identityOf(value)}` : value]);
    return JSON.stringify([relPath, values]);
  }

  get(key: string): CachedInclude<Problem> | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CachedInclude<Problem>): void {
    this.entries.set(key, entry);
  }

  private identityOf(value: object): number {
    let id = this.identities.get(value);
    if (id === undefined) this.identities.set(value, (id = ++this.lastIdentity));
    return id;
  }
}
