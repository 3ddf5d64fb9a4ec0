import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * One cache entry. GitHub keys entries by (key, version, scope): the same key may exist once per
 * branch. An entry is `reserved` from its creation until the client commits it; only committed
 * entries are found by lookups, but a reserved key is already taken (another job is uploading).
 */
export interface Entry {
  id: number;
  key: string;
  version: string;
  scope: string;
  /** Names the blob file and the signed URLs; random, so ids cannot be guessed into URLs. */
  blobId: string;
  state: 'reserved' | 'committed';
  size: number;
  /** Commit time (ms); lookups return the newest match, `seq` breaks ties within a millisecond. */
  created: number;
  seq: number;
}

export class Store {
  private readonly byId = new Map<number, Entry>();
  private nextId = 1;
  private nextSeq = 1;

  constructor(readonly dir: string) {
    mkdirSync(path.join(dir, 'blobs'), { recursive: true });
    mkdirSync(path.join(dir, 'blocks'), { recursive: true });
  }

  blobPath(entry: Entry): string {
    return path.join(this.dir, 'blobs', entry.blobId);
  }

  /** Azure stages blocks apart from the blob until a block list commits them. */
  blockDir(entry: Entry): string {
    return path.join(this.dir, 'blocks', entry.blobId);
  }

  blobSize(entry: Entry): number | undefined {
    try {
      return statSync(this.blobPath(entry)).size;
    } catch {
      return undefined;
    }
  }

  /** Reserves (key, version) in `scope`; undefined when that triple is taken, committed or not. */
  reserve(scope: string, key: string, version: string): Entry | undefined {
    if (this.all().some((e) => e.scope === scope && e.key === key && e.version === version)) return undefined;
    const entry: Entry = { id: this.nextId++, key, version, scope, blobId: randomBytes(12).toString('hex'), state: 'reserved', size: 0, created: 0, seq: 0 };
    this.byId.set(entry.id, entry);
    return entry;
  }

  get(id: number): Entry | undefined {
    return this.byId.get(id);
  }

  reserved(scope: string, key: string, version: string): Entry | undefined {
    return this.all().find((e) => e.state === 'reserved' && e.scope === scope && e.key === key && e.version === version);
  }

  commit(entry: Entry, size: number): void {
    entry.state = 'committed';
    entry.size = size;
    entry.created = Date.now();
    entry.seq = this.nextSeq++;
    rmSync(this.blockDir(entry), { recursive: true, force: true });
  }

  /**
   * GitHub's restore order: scope by scope in the token's order (the PR ref, then its base, then
   * the default branch), and within a scope the exact key first, then each restore key as a
   * prefix, the newest entry first. The first scope with any match wins.
   */
  find(readScopes: string[], version: string, key: string, restoreKeys: string[]): Entry | undefined {
    for (const scope of readScopes) {
      const candidates = this.all()
        .filter((e) => e.state === 'committed' && e.scope === scope && e.version === version)
        .sort((a, b) => b.seq - a.seq);
      const exact = candidates.find((e) => e.key === key);
      if (exact) return exact;
      for (const prefix of restoreKeys) {
        const match = candidates.find((e) => e.key.startsWith(prefix));
        if (match) return match;
      }
    }
    return undefined;
  }

  byBlobId(blobId: string): Entry | undefined {
    return this.all().find((e) => e.blobId === blobId);
  }

  all(): Entry[] {
    return [...this.byId.values()];
  }

  destroy(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
