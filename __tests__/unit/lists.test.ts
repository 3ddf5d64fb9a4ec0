import { describe, expect, it } from '@jest/globals';
import { type ListOptions, parseList, splitKeyValue } from '../../src/inputs/lists.js';

describe('parseList', () => {
  const NC: ListOptions = {};
  const N: ListOptions = { newlinesOnly: true };
  const OUTPUTS: ListOptions = { newlinesOnly: true, noQuotes: true };

  it.each<[string, string, ListOptions, string[]]>([
    // Newline-or-comma lists (tags, platforms, ...).
    ['commas and newlines both split', 'a,b\nc', NC, ['a', 'b', 'c']],
    ['items are trimmed', '  a ,  b  \n\n  c  ', NC, ['a', 'b', 'c']],
    ['empty items are dropped', 'a,,b,\n,\n', NC, ['a', 'b']],
    ['a single quoted field is still split (their quirk)', '"a=b,c"', NC, ['a=b', 'c']],
    ['quoted fields beside others keep their commas', '"a=b,c",d', NC, ['a=b,c', 'd']],
    ['CRLF line ends', 'a\r\nb\r\n', NC, ['a', 'b']],
    ['mixed LF and CRLF', 'a\nb\r\nc', NC, ['a', 'b', 'c']],
    ['one item', 'localhost:5000/app:1', NC, ['localhost:5000/app:1']],
    // Newline-only lists (build-args, labels, ...).
    ['newlinesOnly keeps commas', 'a,b\nc', N, ['a,b', 'c']],
    ['newlinesOnly unquotes a quoted line and keeps its comma', '"a=b,c"', N, ['a=b,c']],
    ['newlinesOnly keeps inner quotes that do not open a field', 'key="va,lue"', N, ['key="va,lue"']],
    ['newlinesOnly drops blank lines', 'a\n\n\nb\n', N, ['a', 'b']],
    ['newlinesOnly with CRLF', 'A=1,2\r\nB=3\r\n', N, ['A=1,2', 'B=3']],
    ['a quoted item may span lines', 'a=b\r\n"c=d\ne"', N, ['a=b', 'c=d\ne']],
    ['newlinesOnly trims', '   FOO=bar   \n\tBAZ=qux\t', N, ['FOO=bar', 'BAZ=qux']],
    // outputs: newline-only, quotes kept for buildx's own CSV parser.
    ['noQuotes keeps the quotes', 'type=image,"name=a,b",push=true', OUTPUTS, ['type=image,"name=a,b",push=true']],
    ['without noQuotes the same line loses them', 'type=image,"name=a,b",push=true', N, ['type=image,name=a,b,push=true']],
    ['noQuotes with several lines', 'type=local,dest=out\ntype=registry,"name=x"', OUTPUTS, ['type=local,dest=out', 'type=registry,"name=x"']],
  ])('%s', (_name, raw, options, expected) => {
    expect(parseList(raw, options)).toEqual(expected);
  });

  it.each(['', '   ', '\n\n', '\r\n \t\r\n'])('empty input %j gives no items', (raw) => {
    expect(parseList(raw)).toEqual([]);
    expect(parseList(raw, N)).toEqual([]);
    expect(parseList(raw, OUTPUTS)).toEqual([]);
  });
});

describe('splitKeyValue', () => {
  it.each<[string, [string, string] | undefined]>([
    ['a=b', ['a', 'b']],
    ['key=value=more', ['key', 'value=more']],
    ['key=', ['key', '']],
    ['=value', ['', 'value']],
    ['  spaced  =  value ', ['spaced', '  value ']],
    ['index:org.opencontainers.image.title=x', ['index:org.opencontainers.image.title', 'x']],
    ['NAME', undefined],
    ['', undefined],
  ])('%j', (item, expected) => {
    expect(splitKeyValue(item)).toEqual(expected);
  });
});
