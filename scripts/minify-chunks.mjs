#!/usr/bin/env node
// ncc minifies the entry file of a bundle and leaves its chunks as webpack wrote them, comments
// and all; the chunks are most of what a step compiles before its first process starts. This
// minifies them the way ncc minifies the entry (mangled names, class and function names kept,
// no compression) and writes them in ASCII: Node reads an ASCII source as one-byte text, while a
// single `…` in a message makes it decode and compile the whole file as two-byte text.
//
//   node scripts/minify-chunks.mjs dist/main dist/post
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { minify } from 'terser';

const OPTIONS = {
  module: true,
  compress: false,
  mangle: { keep_classnames: true, keep_fnames: true },
  format: { ascii_only: true, comments: /@license|@preserve|^!/ },
};

for (const dir of process.argv.slice(2)) {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.js')) continue;
    const file = path.join(dir, name);
    const source = readFileSync(file, 'utf8');
    const { code } = await minify(source, OPTIONS);
    if (code === undefined) throw new Error(`terser returned nothing for ${file}`);
    writeFileSync(file, code);
  }
}
