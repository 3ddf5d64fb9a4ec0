import { ExportWatch } from '../plan/export-watch.js';

/**
 * Stops the build when its cache export runs past `seconds` after the image was pushed (when the
 * build pushes; 0 turns it off): the pushed image must not be lost to a side export.
 */
export function exportDeadline(seconds: number, pushes: boolean) {
  const watch = new ExportWatch();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  return {
    signal: controller.signal,
    onOutput: (text: string): void => {
      if (!pushes || seconds <= 0 || timer || !watch.push(text)) return;
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
