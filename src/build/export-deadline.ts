import type { BuildLog } from './log.js';

/**
 * Stops the build when its cache export runs past `seconds` after the image was pushed (when the
 * build pushes; 0 turns it off): the pushed image must not be lost to a side export. From the
 * moment the log says only the cache export is left, a stuck export ("preparing build cache for
 * export" for hours) holds nothing but the cache.
 */
export function exportDeadline(seconds: number, pushes: boolean) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  return {
    signal: controller.signal,
    /** Looks at the log after each chunk. */
    onProgress: (log: BuildLog): void => {
      if (!pushes || seconds <= 0 || timer || !log.cacheExportOnly()) return;
      timer = setTimeout(() => {
        controller.abort();
      }, seconds * 1000);
    },
    /** Whether the export was stopped. */
    fired: (): boolean => controller.signal.aborted,
    end: (): void => {
      clearTimeout(timer);
    },
  };
}
