// Reads BuildKit's plain progress as it streams, to tell the moment a build's image is pushed and
// only its cache export is left: from then on, a stuck export ("preparing build cache for
// export" for hours) holds nothing but the cache, and may be stopped.

const IMAGE_EXPORT = /^#(\d+) exporting to (?:image|docker image format|oci image format)\b/;
const CACHE_EXPORT = /^#(\d+) (?:exporting cache\b|preparing build cache for export\b|exporting to GitHub Actions Cache\b|exporting to cache\b)/i;

export class ExportWatch {
  private partial = '';
  private readonly imageVertices = new Set<string>();
  private imageDone = false;
  private cacheOnly = false;

  /** Feeds log text; true once the image export is done and a cache export has started after it. */
  push(text: string): boolean {
    const lines = (this.partial + text).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      const image = IMAGE_EXPORT.exec(line);
      if (image?.[1] !== undefined) this.imageVertices.add(image[1]);
      const done = /^#(\d+) DONE\b/.exec(line);
      if (done?.[1] !== undefined && this.imageVertices.has(done[1])) this.imageDone = true;
      if (this.imageDone && CACHE_EXPORT.test(line)) this.cacheOnly = true;
    }
    return this.cacheOnly;
  }
}
