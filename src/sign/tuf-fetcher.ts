// How the TUF client (tuf-js's Updater) reads a mirror: over the signing phase's own HTTP
// (http.ts: node:http, retries on 429/5xx/resets within the signing deadline) instead of tuf-js's
// DefaultFetcher, whose global `fetch` loads undici (estimated at 100-180 ms of CPU, more than
// the rest of what the TUF path costs). TUF metadata and the trusted root are small: each body
// is read whole, so no temp file is needed for metadata, and a target's file (which tuf-js
// verifies from disk) is written under the step's own temp dir, not the system's.
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BaseFetcher } from 'tuf-js';
import { DownloadHTTPError, DownloadLengthMismatchError } from 'tuf-js/dist/error.js';
import { shownUrl } from '../github/http.js';
import type { Deadline } from './deadline.js';
import { sendWithin } from './http.js';

export class TufFetcher extends BaseFetcher {
  private downloads = 0;

  constructor(
    private readonly limit: Deadline,
    /** Where a downloaded target waits while tuf-js checks it (the step's TUF cache). */
    private readonly scratchDir: string,
  ) {
    super();
  }

  /** The body of `url`, at most `maxLength` bytes. A 403/404 stays a DownloadHTTPError: tuf-js reads it as "no newer root". */
  private async body(url: string, maxLength: number): Promise<Buffer> {
    const res = await sendWithin({ method: 'GET', url, headers: { 'User-Agent': 'kiln' } }, this.limit);
    if (!res.ok) throw new DownloadHTTPError(`GET ${shownUrl(url)} answered ${res.status}`, res.status);
    if (res.body.length > maxLength)
      throw new DownloadLengthMismatchError(`GET ${shownUrl(url)}: ${res.body.length} bytes, more than the ${maxLength} expected`);
    return res.body;
  }

  override fetch(url: string): Promise<ReadableStream<Uint8Array<ArrayBuffer>>> {
    return this.body(url, Number.POSITIVE_INFINITY).then(
      (body) =>
        new ReadableStream<Uint8Array<ArrayBuffer>>({
          start(controller) {
            controller.enqueue(new Uint8Array(body));
            controller.close();
          },
        }),
    );
  }

  override downloadBytes(url: string, maxLength: number): Promise<Buffer> {
    return this.body(url, maxLength);
  }

  override async downloadFile<T>(url: string, maxLength: number, handler: (file: string) => Promise<T>): Promise<T> {
    const body = await this.body(url, maxLength);
    const file = path.join(this.scratchDir, `.download-${++this.downloads}`);
    writeFileSync(file, body);
    try {
      return await handler(file);
    } finally {
      rmSync(file, { force: true });
    }
  }
}
