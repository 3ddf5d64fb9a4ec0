// Loaded into an action's process with NODE_OPTIONS=--import by scripts/bench-sign.mjs: appends
// the URL of every file of the bundle the process imports (its lazy chunks, `NNN.index.js`) to
// $KILN_BENCH_CHUNKS, one per line, so a run shows which code it loaded.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
let file = '';
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (file && /\\/dist\\/(main|post)\\/[^/]+\\.js$/.test(resolved.url)) appendFileSync(file, resolved.url + '\\n');
  return resolved;
}`;
if (process.env.KILN_BENCH_CHUNKS) register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { file: process.env.KILN_BENCH_CHUNKS } });
