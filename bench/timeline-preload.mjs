// Loaded into an action's process with NODE_OPTIONS=--import by bench/breakdown.mjs: records
// when the process started, when Node had booted (this file runs before the action's script),
// its first write to stdout, each child process it spawned, and its exit; appends them as one
// JSON line to $KILN_BENCH_TIMELINE. Times are Unix epoch milliseconds.
import childProcess from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const file = process.env.KILN_BENCH_TIMELINE;
const now = () => performance.timeOrigin + performance.now();
const record = { script: process.argv[1], start: performance.timeOrigin, booted: now(), firstOutput: 0, exit: 0, children: [] };

// Both `require('child_process').spawn` (Kiln's bundle) and `import { spawn }` (the thin action)
// end up here once the builtin's ESM exports are synced.
const spawn = childProcess.spawn;
childProcess.spawn = function (...args) {
  const child = spawn.apply(this, args);
  const entry = { command: [args[0], ...(Array.isArray(args[1]) ? args[1].slice(0, 3) : [])].join(' '), spawned: now(), closed: 0 };
  record.children.push(entry);
  child.on('close', () => (entry.closed = now()));
  return child;
};
syncBuiltinESMExports();

const write = process.stdout.write;
process.stdout.write = function (...args) {
  record.firstOutput ||= now();
  return write.apply(this, args);
};

process.on('exit', () => {
  record.exit = now();
  if (file) appendFileSync(file, `${JSON.stringify(record)}\n`);
});
