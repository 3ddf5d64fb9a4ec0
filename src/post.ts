// The post step runs after every Kiln step, failed ones too, and its time is pure overhead, so it
// loads nothing but Node itself. `STATE_<key>` is how the runner hands back what main saved.
import { rmSync } from 'node:fs';
import { STATE } from './names.js';

const tempDir = process.env[`STATE_${STATE.tempDir}`];
if (tempDir) {
  rmSync(tempDir, { recursive: true, force: true });
  process.stdout.write(`Removed ${tempDir}\n`);
}
