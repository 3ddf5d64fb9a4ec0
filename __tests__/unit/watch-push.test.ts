import { describe, expect, it } from '@jest/globals';
import { BuildLog } from '../../src/build/log.js';
import { type Lookup, watchPush } from '../../src/report/collect.js';

// The engine is asked for the pushed image as soon as buildx's log says the image is named, so
// the request overlaps the push; these are the rules for when that happens.
function recorder() {
  const asked: string[] = [];
  const lookup: Lookup = (image) => {
    asked.push(image);
    return Promise.resolve({ Id: 'sha256:x' });
  };
  return { asked, lookup };
}

describe('watchPush', () => {
  it('asks once, when the naming line is complete, even split across chunks', async () => {
    const { asked, lookup } = recorder();
    const watch = watchPush({ pushed: ['localhost:5000/app:1'], exporters: 1 }, lookup);
    const log = new BuildLog();
    watch.onProgress(log.push('#9 exporting manifest list sha256:abc done\n#9 naming to localhost:5000/app'));
    expect(asked).toEqual([]);
    expect(watch.lookup()).toBeUndefined();
    watch.onProgress(log.push(':1 done\n#9 pushing layers\n'));
    watch.onProgress(log.push('#9 naming to localhost:5000/app:1 done\n'));
    expect(asked).toEqual(['localhost:5000/app:1']);
    await expect(watch.lookup()?.('ignored')).resolves.toEqual({ Id: 'sha256:x' });
  });

  it('never asks for a build with several exporters, or one that pushes nothing', () => {
    for (const plan of [
      { pushed: ['localhost:5000/app:1'], exporters: 2 },
      { pushed: [], exporters: 1 },
    ]) {
      const { asked, lookup } = recorder();
      const watch = watchPush(plan, lookup);
      const log = new BuildLog().push('#9 naming to localhost:5000/app:1 done\n');
      expect(log.imageNamed()).toBe(true);
      watch.onProgress(log);
      expect(asked).toEqual([]);
      expect(watch.lookup()).toBeUndefined();
    }
  });
});
