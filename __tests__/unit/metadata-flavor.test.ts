// `flavor` and templates in `labels` / `annotations` (issue 18 items 2 and 3), against
// docker/metadata-action: its README ("flavor input", "Latest tag", "Global expressions") and,
// where the README shows no row, the line of its src/meta.ts or src/flavor.ts that decides it.
// Every expected value is written out by hand.
import { describe, expect, it } from '@jest/globals';
import type { GithubContext } from '../../src/github/context.js';
import { type Annotation, readAnnotation, readLabel } from '../../src/inputs/annotations.js';
import { type InputError, InputErrors } from '../../src/inputs/errors.js';
import { readFlavor } from '../../src/inputs/flavor.js';
import { parseTemplate, readMetadata } from '../../src/inputs/metadata.js';
import { readInputs } from '../../src/inputs/read.js';
import { readVersion } from '../../src/inputs/version.js';
import { applyMetadata } from '../../src/plan/apply-metadata.js';
import { planMetadata } from '../../src/plan/metadata.js';
import { githubContext, inputSource, thrown } from './support.js';

/** An annotation as readInputs reads it: the reading is part of what these tests check. */
function readAnnotationText(text: string): Annotation {
  const read = readAnnotation(text);
  if (read.problem !== undefined) throw new Error(`test annotation ${text}: ${read.problem}`);
  return read.annotation;
}

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const NOW = new Date('2020-01-10T00:30:00.000Z');
const REPOSITORY = { name: 'Hello-World', html_url: 'https://github.com/octocat/Hello-World', default_branch: 'main' };

type Event = Pick<GithubContext, 'eventName' | 'ref' | 'payload'>;
const EVENTS = {
  main: { eventName: 'push', ref: 'refs/heads/main', payload: { repository: REPOSITORY } },
  pr: { eventName: 'pull_request', ref: 'refs/pull/7/merge', payload: { number: 7, repository: REPOSITORY } },
  tag: { eventName: 'push', ref: 'refs/tags/v1.2.3', payload: { repository: REPOSITORY } },
  rc: { eventName: 'push', ref: 'refs/tags/v2.0.0-rc.1', payload: { repository: REPOSITORY } },
} satisfies Record<string, Event>;

const SEMVER_EXAMPLE = 'type=ref,event=branch\ntype=ref,event=pr\ntype=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}';

function generate(tags: string, flavor: string, event: Event, extra: { labels?: string[]; annotations?: string[] } = {}) {
  const errors: InputError[] = [];
  const { metadata } = readMetadata('name/app', tags, errors, {}, flavor);
  expect(errors).toEqual([]);
  const inputs = { labels: (extra.labels ?? []).map(readLabel), annotations: (extra.annotations ?? []).map(readAnnotationText), platforms: [], metadata };
  return planMetadata(inputs, githubContext({ ...event, sha: SHA, repository: 'octocat/Hello-World' }), NOW, readVersion);
}

const tagsOf = (tags: string, flavor: string, event: Event) => generate(tags, flavor, event).tags.map((t) => t.ref.replace(/^name\/app:/, ''));

describe('flavor, as metadata-action applies it', () => {
  const table: [string, string, string, keyof typeof EVENTS, string[]][] = [
    // README "flavor input": latest=auto is the default (README "Latest tag": semver and ref,event=tag).
    ['latest=auto, a release', SEMVER_EXAMPLE, 'latest=auto', 'tag', ['1.2.3', '1.2', 'latest']],
    ['latest=auto, a branch', SEMVER_EXAMPLE, 'latest=auto', 'main', ['main']],
    // latest=false: never; latest=true: whatever rule gave the version (meta.ts setVersion).
    ['latest=false, a release', SEMVER_EXAMPLE, 'latest=false', 'tag', ['1.2.3', '1.2']],
    ['latest=true, a branch', SEMVER_EXAMPLE, 'latest=true', 'main', ['main', 'latest']],
    ['latest=true, a pre-release', SEMVER_EXAMPLE, 'latest=true', 'rc', ['2.0.0-rc.1', 'latest']],
    ['latest=true, a pull request', SEMVER_EXAMPLE, 'latest=true', 'pr', ['pr-7', 'latest']],
    // README "flavor input": a global prefix and suffix for each generated tag, not latest by default.
    ['prefix and suffix', SEMVER_EXAMPLE, 'prefix=foo-\nsuffix=-bar', 'tag', ['foo-1.2.3-bar', 'foo-1.2-bar', 'latest']],
    // ...and for latest with onlatest=true.
    ['onlatest=true', SEMVER_EXAMPLE, 'prefix=foo-,onlatest=true\nsuffix=-bar,onlatest=true', 'tag', ['foo-1.2.3-bar', 'foo-1.2-bar', 'foo-latest-bar']],
    ['onlatest only for the suffix', SEMVER_EXAMPLE, 'prefix=foo-\nsuffix=-bar,onlatest=true', 'tag', ['foo-1.2.3-bar', 'foo-1.2-bar', 'latest-bar']],
    // meta.ts setValue: a rule's own prefix/suffix wins, even an empty one; type=sha (sha-) and
    // type=ref,event=pr (pr-) have their own prefix by default, so only the flavor's suffix reaches them.
    ['a rule’s own prefix wins', 'type=ref,event=branch,prefix=\ntype=sha', 'prefix=foo-\nsuffix=-bar', 'main', ['main-bar', 'sha-860c190-bar']],
    ['pr- is the pr rule’s own prefix', SEMVER_EXAMPLE, 'prefix=foo-\nsuffix=-bar', 'pr', ['pr-7-bar']],
    ['a rule’s own suffix wins', 'type=ref,event=branch,suffix=-own', 'prefix=foo-\nsuffix=-bar', 'main', ['foo-main-own']],
    // README "Global expressions": the flavor's prefix and suffix are templates as well.
    ['templates in the flavor', 'type=ref,event=branch', "prefix={{date 'YYYYMMDD'}}-\nsuffix=-{{sha}}", 'main', ['20200110-main-860c190']],
    // flavor.ts: the last line that sets a key wins; # lines are comments.
    ['the last line wins', SEMVER_EXAMPLE, 'latest=false\n# a comment\nlatest=true', 'main', ['main', 'latest']],
  ];
  it.each(table)('%s (%j with %j on %s)', (_name, tags, flavor, event, expected) => {
    expect(tagsOf(tags, flavor, EVENTS[event])).toEqual(expected);
  });

  it('Kiln’s default rules take the flavor too', () => {
    expect(tagsOf('', 'suffix=-alpine', EVENTS.tag)).toEqual(['1.2.3-alpine', '1.2-alpine', '1-alpine', 'sha-860c190-alpine', 'latest']);
  });

  it('names the flavor behind latest', () => {
    expect(generate(SEMVER_EXAMPLE, 'latest=true\nsuffix=-x,onlatest=true', EVENTS.main).tags).toEqual([
      { ref: 'name/app:main-x', rule: 'type=ref,event=branch' },
      { ref: 'name/app:latest-x', rule: 'latest-x (flavor latest=true)' },
    ]);
    expect(generate(SEMVER_EXAMPLE, '', EVENTS.tag).tags.at(-1)).toEqual({
      ref: 'name/app:latest',
      rule: 'latest (flavor latest=auto, after type=semver,pattern={{version}})',
    });
  });

  it('reads the entries as metadata-action does', () => {
    const errors: InputError[] = [];
    expect(readFlavor('', errors)).toEqual({ latest: 'auto', prefix: '', prefixLatest: false, suffix: '', suffixLatest: false });
    expect(readFlavor('latest=false\nprefix=app-,onlatest=true\nsuffix=-slim', errors)).toEqual({
      latest: 'false',
      prefix: 'app-',
      prefixLatest: true,
      suffix: '-slim',
      suffixLatest: false,
    });
    expect(readFlavor('Latest = true , Prefix = a- ', errors)).toEqual({ latest: 'true', prefix: 'a-', prefixLatest: false, suffix: '', suffixLatest: false });
    expect(errors).toEqual([]);
  });

  it('refuses what metadata-action refuses (and an onlatest about nothing), naming the entry', () => {
    const cases: [string, string, string][] = [
      ['latest=maybe', 'latest=maybe', 'latest must be auto, true or false, not "maybe"'],
      ['prefix=a-,onlatest=yes', 'prefix=a-,onlatest=yes', 'onlatest must be true or false, not "yes"'],
      ['labelprefix=x', 'labelprefix=x', 'unknown entry "labelprefix"'],
      ['prefix', 'prefix', '"prefix" has no "="'],
      ['onlatest=true', 'onlatest=true', 'put it after prefix=… or suffix=… on the same line'],
      ['prefix={{commit}}-', 'prefix={{commit}}-', '{{commit}} is not an expression Kiln supports here'],
    ];
    for (const [flavor, value, message] of cases) {
      const { errors } = thrown(InputErrors, () => readInputs(inputSource({ images: 'a/app', flavor })));
      expect(errors.map((e) => [e.input, e.value])).toEqual([['flavor', value]]);
      expect(errors[0]?.message).toContain(message);
    }
    const { errors } = thrown(InputErrors, () => readInputs(inputSource({ tags: 'a/app:1', flavor: 'latest=false' })));
    expect(errors.map((e) => [e.input, e.value])).toEqual([['flavor', 'latest=false']]);
    expect(errors[0]?.message).toContain('set the image repositories to tag');
  });
});

describe('templates in labels and annotations (meta.ts getOCIAnnotationsWithCustoms: each whole item, global expressions)', () => {
  const push = {
    ...EVENTS.main,
    payload: {
      repository: REPOSITORY,
      commits: [
        { id: 'f00', timestamp: '2019-12-31T09:00:00+01:00' },
        { id: SHA, timestamp: '2020-01-09T23:15:42+01:00' },
      ],
      head_commit: { id: SHA, timestamp: '2020-01-09T23:15:42+01:00' },
    },
  };
  const labelsOf = (labels: string[], event: Event = push) => generate('type=ref,event=branch', '', event, { labels }).labels.map((l) => l.raw);

  it('expands the global expressions; the user’s label still wins over the generated one', () => {
    const labels = labelsOf([
      'com.example.branch={{branch}}',
      "com.example.built={{date 'YYYYMMDD-HHmm'}}",
      "org.opencontainers.image.created={{commit_date 'YYYY-MM-DDTHH:mm:ss.SSS[Z]'}}",
      "com.example.local={{commit_date 'YYYY-MM-DD HH:mm' tz='Asia/Tokyo'}}",
      'com.example.default={{is_default_branch}}',
      'com.example.{{sha}}=short',
    ]);
    expect(labels).toContain('com.example.branch=main');
    expect(labels).toContain('com.example.built=20200110-0030');
    // The push's commit with this SHA, 23:15:42 at +01:00.
    expect(labels).toContain('org.opencontainers.image.created=2020-01-09T22:15:42.000Z');
    expect(labels).not.toContain('org.opencontainers.image.created=2020-01-10T00:30:00.000Z');
    expect(labels).toContain('com.example.local=2020-01-10 07:15');
    expect(labels).toContain('com.example.default=true');
    expect(labels).toContain('com.example.860c190=short');
  });

  it('keeps Handlebars’ escapes: \\{{…}} is literal, \\\\{{…}} a backslash before the value; values are HTML-escaped', () => {
    expect(labelsOf(['a=\\{{branch}}', 'b=\\\\{{branch}}', 'c=x\\{{sha}} and \\{{branch}}'])).toEqual(
      expect.arrayContaining(['a={{branch}}', 'b=\\main', 'c=x{{sha}} and {{branch}}']),
    );
    const odd = { ...push, ref: "refs/heads/it's" };
    expect(labelsOf(['d={{branch}}'], odd)).toContain('d=it&#x27;s');
  });

  it('takes the head commit’s time when the commits list lacks it, and the run’s time, with a warning, when the event has none', () => {
    const tagPush = { ...EVENTS.tag, payload: { repository: REPOSITORY, head_commit: { id: SHA, timestamp: '2020-01-08T12:00:00Z' } } };
    expect(generate('type=ref,event=tag', '', tagPush, { labels: ["d={{commit_date 'YYYYMMDD'}}"] }).labels.map((l) => l.raw)).toContain('d=20200108');
    const meta = generate('type=ref,event=pr', '', EVENTS.pr, { labels: ["d={{commit_date 'YYYYMMDD'}}", "e={{commit_date 'YYYY'}}"] });
    expect(meta.labels.map((l) => l.raw)).toEqual(expect.arrayContaining(['d=20200110', 'e=2020']));
    expect(meta.warnings).toEqual([
      `{{commit_date}}: the pull_request event carries no time for commit ${SHA}, so the run's time stands in for it (as metadata-action does when it cannot ask the GitHub API)`,
    ]);
  });

  it('expands annotations the same way, levels kept, and leaves the key it sets to the user', () => {
    const meta = generate('type=ref,event=branch', '', push, {
      annotations: ['index:com.example.sha={{sha}}', "org.opencontainers.image.created={{commit_date 'YYYY-MM-DD'}}"],
    });
    expect(meta.givenAnnotations.map((a) => a.raw)).toEqual(['index:com.example.sha=860c190', 'org.opencontainers.image.created=2020-01-09']);
    expect(meta.givenAnnotations[0]?.levels).toEqual(['index']);
    expect(meta.annotations.map((a) => a.key)).not.toContain('org.opencontainers.image.created');
  });

  it('the build runs with the expanded items', () => {
    const { inputs: given } = readInputs(inputSource({ images: 'reg/app', tags: 'type=sha', labels: 'b={{branch}}', annotations: 'manifest:s={{sha}}' }));
    const { inputs } = applyMetadata({ inputs: given, warnings: [] }, githubContext({ ...push, sha: SHA }), NOW, readVersion);
    expect(inputs.labels.map((l) => l.raw)).toContain('b=main');
    expect(inputs.annotations.map((a) => a.raw)).toContain('manifest:s=860c190');
    expect(inputs.annotations.map((a) => a.raw)).not.toContain('manifest:s={{sha}}');
  });

  it('a template metadata-action does not know is an input error naming the input and the template', () => {
    const { errors } = thrown(InputErrors, () =>
      readInputs(inputSource({ images: 'reg/app', labels: 'a={{commit}}\nb={{branch}}', annotations: "c={{date 'dddd'}}\nd={{version}}" })),
    );
    expect(errors.map((e) => [e.input, e.value])).toEqual([
      ['labels', 'a={{commit}}'],
      ['annotations', "c={{date 'dddd'}}"],
      ['annotations', 'd={{version}}'],
    ]);
    expect(errors[0]?.message).toContain('{{commit}} is not an expression Kiln supports here');
    expect(errors[1]?.message).toContain('the date format token "dddd"');
  });

  it('without images, labels and annotations stay as build-push-action passes them: verbatim', () => {
    const { inputs } = readInputs(inputSource({ tags: 'reg/app:1', labels: 'a={{commit}}' }));
    expect(inputs.labels.map((l) => l.raw)).toEqual(['a={{commit}}']);
  });
});

describe('parseTemplate escapes (Handlebars’ lexer)', () => {
  it.each<[string, unknown]>([
    ['plain', ['plain']],
    ['\\{{branch}}', ['{{branch}}']],
    ['a\\{{x}}b{{sha}}', ['a{{x}}b', { name: 'sha' }]],
    ['\\{{x}}\\{{y}}', ['{{x}}', '{{y}}']],
    ['\\\\{{sha}}', ['\\', { name: 'sha' }]],
    ['\\{{a}}\\\\{{sha}}', ['{{a}}', '\\', { name: 'sha' }]],
  ])('%j', (template, expected) => {
    expect(parseTemplate(template, ['branch', 'sha'])).toEqual(expected);
  });
});
