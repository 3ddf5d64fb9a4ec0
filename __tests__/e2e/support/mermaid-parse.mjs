// Parses Mermaid diagrams with the `mermaid` package, outside Jest: reads a JSON list of
// diagram texts on stdin and prints, for each, `{ ok: true, type }` or `{ ok: false, error }`.
// Mermaid sanitises labels with DOMPurify, which needs a DOM it does not get in Node: parsing
// never renders, so a shim that passes text through is enough.
import purify from 'dompurify';

purify.addHook = () => undefined;
purify.removeHook = () => undefined;
purify.sanitize = (text) => text;
const { default: mermaid } = await import('mermaid');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error instanceof Error ? error.message : error).split('\n')[0] });
  }
}
process.stdout.write(JSON.stringify(results));
