// Tag rules, labels and annotations against docker/metadata-action's documented results. Each
// expectation cites the README section (docker/metadata-action, README.md, v5) or, where the
// README shows no such row, the line of its src/meta.ts that decides it.
import { describe, expect, it } from '@jest/globals';
import type { GithubContext } from '../../src/github/context.js';
import { type Annotation, readAnnotation, readLabel } from '../../src/inputs/annotations.js';
import { InputError, InputErrors } from '../../src/inputs/errors.js';
import { readMetadata, splitTags } from '../../src/inputs/metadata.js';
import { readInputs } from '../../src/inputs/read.js';
import { readVersion } from '../../src/inputs/version.js';
import { applyMetadata } from '../../src/plan/apply-metadata.js';
import { formatDate, planMetadata } from '../../src/plan/metadata.js';
import { githubContext, inputSource, makeInputs, platformsOf, thrown } from './support.js';

// The README's Bake example: repository octocat/Hello-World, commit 860c190…, 2020-01-10T00:30:00Z.
/** An annotation as readInputs reads it: the reading is part of what these tests check. */
function readAnnotationText(text: string): Annotation {
  const read = readAnnotation(text);
  if (read.problem !== undefined) throw new Error(`test annotation ${text}: ${read.problem}`);
  return read.annotation;
}

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const NOW = new Date('2020-01-10T00:30:00.000Z');
const REPOSITORY = {
  name: 'Hello-World',
  description: 'This your first repo!',
  html_url: 'https://github.com/octocat/Hello-World',
  default_branch: 'main',
  license: { spdx_id: 'MIT' },
};

type Event = Pick<GithubContext, 'eventName' | 'ref' | 'payload'>;
const EVENTS = {
  main: { eventName: 'push', ref: 'refs/heads/main', payload: { repository: REPOSITORY } },
  feature: { eventName: 'push', ref: 'refs/heads/feature/x', payload: { repository: REPOSITORY } },
  pr: { eventName: 'pull_request', ref: 'refs/pull/7/merge', payload: { number: 7, repository: REPOSITORY, pull_request: { base: { ref: 'main' } } } },
  tag: { eventName: 'push', ref: 'refs/tags/v1.2.3', payload: { repository: REPOSITORY } },
  rc: { eventName: 'push', ref: 'refs/tags/v2.0.0-rc.1', payload: { repository: REPOSITORY } },
  plainTag: { eventName: 'push', ref: 'refs/tags/release-7', payload: { repository: REPOSITORY } },
  dispatch: { eventName: 'workflow_dispatch', ref: 'refs/heads/main', payload: { repository: REPOSITORY } },
  schedule: { eventName: 'schedule', ref: 'refs/heads/main', payload: { repository: REPOSITORY } },
} satisfies Record<string, Event>;

function generate(tags: string, event: Event, images = 'name/app', extra: { labels?: string[]; annotations?: string[]; platforms?: string[] } = {}) {
  const errors: InputError[] = [];
  const { metadata } = readMetadata(images, tags, errors);
  expect(errors).toEqual([]);
  const inputs = {
    labels: (extra.labels ?? []).map(readLabel),
    annotations: (extra.annotations ?? []).map(readAnnotationText),
    platforms: platformsOf(...(extra.platforms ?? [])),
    metadata,
  };
  const meta = planMetadata(inputs, githubContext({ ...event, sha: SHA, repository: 'octocat/Hello-World' }), NOW, readVersion);
  // What Kiln writes reads back as the same record, as buildx would read it.
  for (const a of meta.annotations) expect(readAnnotationText(a.raw)).toEqual(a);
  for (const l of meta.labels) expect(readLabel(l.raw)).toEqual(l);
  return { ...meta, labels: meta.labels.map((l) => l.raw), annotations: meta.annotations.map((a) => a.raw) };
}

/** The tags without their repository, in order. */
function tagsOf(tags: string, event: Event): string[] {
  return generate(tags, event).tags.map((t) => t.ref.replace(/^name\/app:/, ''));
}

const SEMVER_EXAMPLE = 'type=ref,event=branch\ntype=ref,event=pr\ntype=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}';
const TAGS_INPUT_EXAMPLE = [
  'type=schedule',
  'type=semver,pattern={{version}}',
  'type=semver,pattern={{major}}.{{minor}}',
  'type=semver,pattern={{major}}',
  'type=ref,event=branch',
  'type=ref,event=pr',
  'type=sha',
].join('\n');

describe('tag rules × events, as metadata-action documents them', () => {
  const table: [string, string, keyof typeof EVENTS, string[]][] = [
    // README "Basic" (default rules) + Kiln's sha-<short>: master → master, releases/v1 → releases-v1,
    // refs/pull/2/merge → pr-2, v1.2.3 → v1.2.3 + latest, v2.0.8-beta.67 → itself + latest.
    ['defaults', '', 'main', ['main', 'sha-860c190']],
    ['defaults', '', 'feature', ['feature-x', 'sha-860c190']],
    ['defaults', '', 'pr', ['pr-7', 'sha-860c190']],
    // README "Basic": workflow_dispatch on refs/heads/master → master.
    ['defaults', '', 'dispatch', ['main', 'sha-860c190']],
    // Kiln's one departure from the README "Basic" defaults (issue 12): a SemVer Git tag gives
    // the version, major.minor and major, and latest only for a release.
    ['defaults', '', 'tag', ['1.2.3', '1.2', '1', 'sha-860c190', 'latest']],
    ['defaults', '', 'rc', ['2.0.0-rc.1', 'sha-860c190']],
    // A Git tag that is not SemVer keeps metadata-action's default: the tag itself, and latest.
    ['defaults', '', 'plainTag', ['release-7', 'sha-860c190', 'latest']],
    // No README row: meta.ts procSchedule gives `nightly` (priority 1000) and procRefBranch, which
    // looks only at the ref, adds the branch of a scheduled run.
    ['defaults', '', 'schedule', ['nightly', 'main', 'sha-860c190']],
    // README "Semver": pr-2, master, releases-v1, v1.2.3 → 1.2.3, 1.2, latest; v2.0.8-beta.67 → 2.0.8-beta.67.
    ['Semver example', SEMVER_EXAMPLE, 'main', ['main']],
    ['Semver example', SEMVER_EXAMPLE, 'feature', ['feature-x']],
    ['Semver example', SEMVER_EXAMPLE, 'pr', ['pr-7']],
    ['Semver example', SEMVER_EXAMPLE, 'tag', ['1.2.3', '1.2', 'latest']],
    ['Semver example', SEMVER_EXAMPLE, 'rc', ['2.0.0-rc.1']],
    ['Semver example', SEMVER_EXAMPLE, 'schedule', ['main']],
    // README "Bake definition": with type=sha on refs/tags/v1.2.3 the tags are, in this order,
    // 1.2.3, 1.2, sha-90dd603 (here 860c190), latest.
    ['Bake example', `${SEMVER_EXAMPLE}\ntype=sha`, 'tag', ['1.2.3', '1.2', 'sha-860c190', 'latest']],
    // README "tags input" example (schedule, three semver patterns, branch, pr, sha).
    ['tags input example', TAGS_INPUT_EXAMPLE, 'tag', ['1.2.3', '1.2', '1', 'sha-860c190', 'latest']],
    ['tags input example', TAGS_INPUT_EXAMPLE, 'rc', ['2.0.0-rc.1', 'sha-860c190']],
    ['tags input example', TAGS_INPUT_EXAMPLE, 'main', ['main', 'sha-860c190']],
    ['tags input example', TAGS_INPUT_EXAMPLE, 'pr', ['pr-7', 'sha-860c190']],
    ['tags input example', TAGS_INPUT_EXAMPLE, 'schedule', ['nightly', 'main', 'sha-860c190']],
  ];
  it.each(table)('%s: %s on %s', (_name, tags, event, expected) => {
    expect(tagsOf(tags, EVENTS[event])).toEqual(expected);
  });
});

describe('type=semver patterns (README "type=semver" table)', () => {
  const beta = { ...EVENTS.rc, ref: 'refs/tags/v2.0.8-beta.67' };
  it.each([
    ['{{raw}}', EVENTS.tag, 'v1.2.3'],
    ['{{version}}', EVENTS.tag, '1.2.3'],
    ['{{major}}.{{minor}}', EVENTS.tag, '1.2'],
    ['v{{major}}', EVENTS.tag, 'v1'],
    ['{{minor}}', EVENTS.tag, '2'],
    ['{{patch}}', EVENTS.tag, '3'],
    ['{{raw}}', beta, 'v2.0.8-beta.67'],
    ['{{version}}', beta, '2.0.8-beta.67'],
    ['{{major}}.{{minor}}', beta, '2.0.8-beta.67'],
  ])('%s on %s', (pattern, event, expected) => {
    expect(generate(`type=semver,pattern=${pattern},priority=1`, event).version).toBe(expected);
  });

  it('uses `value` instead of the Git tag, on any event (README: "use custom value instead of git tag")', () => {
    expect(tagsOf('type=semver,pattern={{version}},value=v1.0.0', EVENTS.main)).toEqual(['1.0.0', 'latest']);
  });

  it('a Git tag that is not SemVer gives no tag, with a warning (meta.ts procSemver)', () => {
    const meta = generate('type=semver,pattern={{version}}', { ...EVENTS.tag, ref: 'refs/tags/release-7' });
    expect(meta.tags).toEqual([]);
    expect(meta.warnings).toEqual([expect.stringContaining('release-7 is not a valid semver')]);
  });

  it('major version zero: a disabled {{major}} rule (README "Major version zero")', () => {
    const event = { ...EVENTS.tag, ref: 'refs/tags/v0.1.2' };
    expect(tagsOf('type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}},enable=false', event)).toEqual([
      '0.1.2',
      '0.1',
      'latest',
    ]);
  });
});

describe('type=ref, edge, raw, sha, schedule', () => {
  it('ref: refs/heads/my/branch → my-branch (README "type=ref" table)', () => {
    expect(tagsOf('type=ref,event=branch', { ...EVENTS.main, ref: 'refs/heads/my/branch' })).toEqual(['my-branch']);
  });

  it('ref,event=tag keeps the tag as it is and adds latest (README "type=ref" and "Latest tag")', () => {
    expect(tagsOf('type=ref,event=tag', EVENTS.rc)).toEqual(['v2.0.0-rc.1', 'latest']);
  });

  it('ref,event=pr on pull_request_target uses the pull request number (context.ts)', () => {
    expect(tagsOf('type=ref,event=pr', { eventName: 'pull_request_target', ref: 'refs/heads/main', payload: { number: 7 } })).toEqual(['pr-7']);
  });

  it('edge: on the default branch only, or on the branch named (README "type=edge")', () => {
    expect(tagsOf('type=edge', EVENTS.main)).toEqual(['edge']);
    expect(tagsOf('type=edge', EVENTS.feature)).toEqual([]);
    expect(tagsOf('type=edge,branch=feature/x', EVENTS.feature)).toEqual(['edge']);
  });

  it('raw: latest for the default branch with {{is_default_branch}} (README "Latest tag")', () => {
    const rules = 'type=ref,event=branch\ntype=raw,value=latest,enable={{is_default_branch}}';
    expect(tagsOf(rules, EVENTS.main)).toEqual(['main', 'latest']);
    expect(tagsOf(rules, EVENTS.feature)).toEqual(['feature-x']);
  });

  it('raw with global expressions (README "Global expressions": mytag-{{branch}}-{{sha}}, prefix={{branch}}-)', () => {
    expect(tagsOf('type=raw,value=mytag-{{branch}}-{{sha}}', EVENTS.main)).toEqual(['mytag-main-860c190']);
    expect(tagsOf('type=sha,prefix={{branch}}-', EVENTS.main)).toEqual(['main-860c190']);
    expect(tagsOf('type=raw,value={{base_ref}}', EVENTS.pr)).toEqual(['main']);
    expect(tagsOf('type=raw,value=foo,enable={{is_default_branch}}', EVENTS.schedule)).toEqual(['foo']);
  });

  it('sha: short by default with prefix sha-, long on request (README "type=sha")', () => {
    expect(tagsOf('type=sha', EVENTS.main)).toEqual(['sha-860c190']);
    expect(tagsOf(`type=sha,format=long`, EVENTS.main)).toEqual([`sha-${SHA}`]);
    expect(tagsOf('type=sha,prefix=,suffix=-amd64', EVENTS.main)).toEqual(['860c190-amd64']);
  });

  it('schedule: nightly, or a date pattern in UTC or a time zone (README "type=schedule" table)', () => {
    expect(tagsOf('type=schedule', EVENTS.schedule)).toEqual(['nightly']);
    expect(tagsOf("type=schedule,pattern={{date 'YYYYMMDD'}}", EVENTS.schedule)).toEqual(['20200110']);
    expect(tagsOf("type=schedule,pattern={{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", EVENTS.schedule)).toEqual(['20200110-093000']);
    expect(tagsOf('type=schedule', EVENTS.main)).toEqual([]);
  });

  it('priority decides the version; the first rule with a value decides latest (README "priority attribute")', () => {
    const meta = generate('type=semver,pattern={{version}}\ntype=raw,value=foo,priority=2000', EVENTS.tag);
    expect(meta.version).toBe('foo');
    // raw says no latest, and it came first.
    expect(meta.tags.map((t) => t.ref)).toEqual(['name/app:foo', 'name/app:1.2.3']);
  });

  it('sanitizes what a tag may not hold (README "Image name and tag sanitization")', () => {
    expect(tagsOf('type=raw,value=a/b c@d', EVENTS.main)).toEqual(['a-b-c-d']);
  });

  it('expands every rule for every image, image names lower-cased, disabled images skipped', () => {
    const meta = generate('type=ref,event=branch', EVENTS.main, 'name=Name/App\nname=ghcr.io/o/app\nname=old/app,enable=false');
    expect(meta.tags).toEqual([
      { ref: 'name/app:main', rule: 'type=ref,event=branch' },
      { ref: 'ghcr.io/o/app:main', rule: 'type=ref,event=branch' },
    ]);
  });

  it('names the rule behind each tag, latest included', () => {
    expect(generate(`${SEMVER_EXAMPLE}\ntype=sha`, EVENTS.tag).tags.map((t) => t.rule)).toEqual([
      'type=semver,pattern={{version}}',
      'type=semver,pattern={{major}}.{{minor}}',
      'type=sha',
      'latest (flavor latest=auto, after type=semver,pattern={{version}})',
    ]);
  });
});

describe('labels and annotations', () => {
  const BAKE_LABELS = [
    'org.opencontainers.image.created=2020-01-10T00:30:00.000Z',
    'org.opencontainers.image.description=This your first repo!',
    'org.opencontainers.image.licenses=MIT',
    `org.opencontainers.image.revision=${SHA}`,
    'org.opencontainers.image.source=https://github.com/octocat/Hello-World',
    'org.opencontainers.image.title=Hello-World',
    'org.opencontainers.image.url=https://github.com/octocat/Hello-World',
    'org.opencontainers.image.version=1.2.3',
  ];

  it('are the README "Bake definition" labels for refs/tags/v1.2.3, sorted by key', () => {
    expect(generate(SEMVER_EXAMPLE, EVENTS.tag).labels).toEqual(BAKE_LABELS);
  });

  it('keep a bare label key (buildx reads it as an empty value) and take the key of an annotation up to its first level colon', () => {
    const meta = generate(SEMVER_EXAMPLE, EVENTS.tag, 'name/app', { labels: ['foo'], annotations: ['manifest:org.opencontainers.image.title=Mine'] });
    expect(meta.labels).toContain('foo=');
    expect(meta.annotations.some((a) => a.includes('image.title='))).toBe(false);
  });

  it('the user’s labels win and add to them (README "Overwrite labels and annotations")', () => {
    const labels = generate(SEMVER_EXAMPLE, EVENTS.tag, 'name/app', { labels: ['maintainer=CrazyMax', 'org.opencontainers.image.title=MyCustomTitle'] }).labels;
    expect(labels).toContain('maintainer=CrazyMax');
    expect(labels).toContain('org.opencontainers.image.title=MyCustomTitle');
    expect(labels).not.toContain('org.opencontainers.image.title=Hello-World');
    expect(labels).toHaveLength(9);
  });

  it('annotate the manifests (metadata-action’s default level), and the index of a multi-platform image', () => {
    expect(generate(SEMVER_EXAMPLE, EVENTS.tag).annotations).toEqual(BAKE_LABELS.map((l) => `manifest:${l}`));
    const multi = generate(SEMVER_EXAMPLE, EVENTS.tag, 'name/app', {
      platforms: ['linux/amd64', 'linux/arm64'],
      annotations: ['index:org.opencontainers.image.title=Mine'],
    });
    expect(multi.annotations).toHaveLength(7);
    expect(multi.annotations).toContain('manifest,index:org.opencontainers.image.version=1.2.3');
    expect(multi.annotations.some((a) => a.includes('image.title='))).toBe(false);
  });

  it('without a repository in the payload, name and URL come from GITHUB_REPOSITORY; the version is empty when no rule applies', () => {
    const meta = planMetadata(
      { labels: [], annotations: [], platforms: [], metadata: readMetadata('name/app', 'type=semver,pattern={{version}}', []).metadata },
      githubContext({ repository: 'o/r', payload: {} }),
      NOW,
      readVersion,
    );
    expect(meta.tags).toEqual([]);
    expect(meta.version).toBe('');
    expect(meta.labels.map((l) => l.raw)).toEqual(
      expect.arrayContaining([
        'org.opencontainers.image.title=r',
        'org.opencontainers.image.source=https://github.com/o/r',
        'org.opencontainers.image.version=',
      ]),
    );
  });
});

describe('reading images and rules', () => {
  const read = (images: string, tags: string) => {
    const errors: InputError[] = [];
    const result = readMetadata(images, tags, errors);
    return { ...result, errors: errors.map((e) => e.message) };
  };

  it('keeps literal tags as build-push-action splits them, rules one per line', () => {
    expect(splitTags('reg/a:1,reg/a:2\ntype=semver,pattern={{version}}\n# a comment\nreg/b:3')).toEqual({
      literal: ['reg/a:1', 'reg/a:2', 'reg/b:3'],
      rules: ['type=semver,pattern={{version}}'],
    });
  });

  it('images: several on one line with commas (metadata-action’s old form) or one per line', () => {
    expect(read('a/app,ghcr.io/o/App', '').metadata.images).toEqual(['a/app', 'ghcr.io/o/app']);
    expect(read('a/app\nname=b/app,enable=true\n# off\nname=c/app,enable=false', '').metadata.images).toEqual(['a/app', 'b/app']);
  });

  it('refuses what Kiln does not support, naming the rule and what to use', () => {
    const cases: [string, string, string][] = [
      ['a/app', 'type=pep440,pattern={{version}}', 'type=pep440 is not supported by Kiln'],
      ['a/app', 'type=match,pattern=v(.*),group=1', 'type=match is not supported by Kiln'],
      ['a/app', 'type=nightly', 'unknown rule type "nightly"'],
      ['a/app', 'type=semver', 'type=semver needs a pattern'],
      ['a/app', 'type=ref,event=push', 'type=ref needs event=branch, event=tag or event=pr'],
      ['a/app', 'type=raw', 'type=raw needs a value'],
      ['a/app', 'type=sha,format=medium', 'type=sha takes format=short or format=long'],
      ['a/app', 'type=sha,lenght=12', '"lenght" is not one of them'],
      ['a/app', 'type=raw,value=x,priority=high', 'priority must be a number'],
      ['a/app', 'type=raw,value=x,enable=yes', 'enable must be true or false'],
      ['a/app', 'type=raw,value={{commit}}', '{{commit}} is not an expression Kiln supports here'],
      ['a/app', 'type=raw,value={{commit_date}}', "needs a format, e.g. {{commit_date 'YYYYMMDD'}}"],
      ['a/app', 'type=semver,pattern={{branch}}', '{{branch}} is not an expression Kiln supports here'],
      ['a/app', "type=schedule,pattern={{date 'dddd'}}", 'the date format token "dddd"'],
      ['a/app', "type=schedule,pattern={{date 'YYYY' tz='Mars/Olympus'}}", 'unknown time zone'],
      ['', 'type=sha', 'tag rules (type=…) need `images`'],
      ['a/app:1', '', 'without tag or digest'],
      ['name=a/app,enable=maybe', '', 'enable must be true or false'],
      ['name=a/app,flavor=x', '', 'unknown attribute "flavor"'],
    ];
    for (const [images, tags, says] of cases) {
      const { errors } = read(images, tags);
      expect([images, tags, errors]).toEqual([images, tags, [expect.stringContaining(says)]]);
    }
  });

  it('errors name the input and the value', () => {
    const errors = thrown(InputErrors, () => readInputs(inputSource({ images: 'a/app', tags: 'type=pep440,pattern={{version}}' }))).errors;
    expect(errors.map((e) => [e.input, e.value])).toEqual([['tags', 'type=pep440,pattern={{version}}']]);
  });

  it('a push with `images` and no literal tag is accepted: the tags come from the event', () => {
    const { inputs } = readInputs(inputSource({ images: 'a/app', push: 'true' }));
    expect(inputs.tags).toEqual([]);
    expect(inputs.metadata.rules.map((r) => r.text)).toEqual([
      'type=schedule',
      'type=ref,event=branch',
      'type=semver,pattern={{version}}',
      'type=semver,pattern={{major}}.{{minor}}',
      'type=semver,pattern={{major}}',
      'type=ref,event=tag',
      'type=ref,event=pr',
      'type=sha',
    ]);
  });
});

describe('applyMetadata', () => {
  it('passes the inputs through untouched without images', () => {
    const inputs = makeInputs({ tags: ['a/app:1'] });
    expect(applyMetadata({ inputs, warnings: [] }, githubContext(), NOW, readVersion)).toEqual({ inputs, warnings: [] });
  });

  it('puts the generated tags first, keeps literal ones, merges labels and adds annotations', () => {
    const { inputs: given } = readInputs(
      inputSource({ images: 'reg/app', tags: 'reg/app:extra\ntype=sha', labels: 'a=1' }, { DOCKER_METADATA_SHORT_SHA_LENGTH: '10' }),
    );
    const { inputs, metadata } = applyMetadata({ inputs: given, warnings: [] }, githubContext({ sha: SHA }), NOW, readVersion);
    expect(inputs.tags).toEqual(['reg/app:sha-860c1904a1', 'reg/app:extra']);
    expect(inputs.labels.map((l) => l.raw)).toContain('a=1');
    expect(inputs.labels.map((l) => l.raw)).toContain('org.opencontainers.image.version=sha-860c1904a1');
    expect(inputs.annotations.map((a) => a.raw)).toContain(`manifest:org.opencontainers.image.revision=${SHA}`);
    expect(metadata?.ruleOf).toEqual({ 'reg/app:sha-860c1904a1': 'type=sha' });
    expect(metadata?.version).toBe('sha-860c1904a1');
  });

  it('honours metadata-action’s DOCKER_METADATA_PR_HEAD_SHA and DOCKER_METADATA_ANNOTATIONS_LEVELS (README "environment variables")', () => {
    const env = { DOCKER_METADATA_PR_HEAD_SHA: 'true', DOCKER_METADATA_ANNOTATIONS_LEVELS: 'index' };
    const { inputs: given } = readInputs(inputSource({ images: 'reg/app', tags: 'type=sha' }, env));
    expect(given.metadata.annotationLevels).toEqual(['index']);
    const pr = githubContext({ ...EVENTS.pr, sha: SHA, payload: { pull_request: { head: { sha: 'abcdef0123456789' } } } });
    const { inputs, metadata } = applyMetadata({ inputs: given, warnings: [] }, pr, NOW, readVersion);
    expect(inputs.tags).toEqual(['reg/app:sha-abcdef0']);
    expect(inputs.annotations.map((a) => a.raw)).toContain('index:org.opencontainers.image.revision=abcdef0123456789');
    expect(metadata?.log).toBe('Tags from Git (pull_request on refs/pull/7/merge), version sha-abcdef0:\n  reg/app:sha-abcdef0  ← type=sha');
    const { inputs: unset } = readInputs(inputSource({ images: 'reg/app', tags: 'type=sha' }));
    expect(applyMetadata({ inputs: unset, warnings: [] }, pr, NOW, readVersion).inputs.tags).toEqual(['reg/app:sha-860c190']);
  });

  it('metadata-action’s variables with values it would refuse are errors with the inputs, only for a step with images', () => {
    const env = { DOCKER_METADATA_SHORT_SHA_LENGTH: '0', DOCKER_METADATA_ANNOTATIONS_LEVELS: 'manifest,image' };
    const { errors } = thrown(InputErrors, () => readInputs(inputSource({ images: 'reg/app' }, env)));
    expect(errors.map((e) => [e.input, e.value])).toEqual([
      ['DOCKER_METADATA_ANNOTATIONS_LEVELS', 'manifest,image'],
      ['DOCKER_METADATA_SHORT_SHA_LENGTH', '0'],
    ]);
    expect(errors[0]?.message).toContain('index-descriptor');
    expect(readInputs(inputSource({ tags: 'reg/app:1' }, env)).inputs.metadata.images).toEqual([]);
  });

  it('a push that no rule gives a tag to fails as an input error naming the event', () => {
    const { inputs } = readInputs(inputSource({ images: 'reg/app', tags: 'type=semver,pattern={{version}}', push: 'true' }));
    const error = thrown(InputError, () => applyMetadata({ inputs, warnings: [] }, githubContext(), NOW, readVersion));
    expect(error.input).toBe('images');
    expect(error.message).toContain('push on refs/heads/main');
  });

  it('enable that does not come out as true/false is an input error (meta.ts getVersion)', () => {
    const { inputs } = readInputs(inputSource({ images: 'reg/app', tags: 'type=sha,enable={{branch}}' }));
    expect(thrown(InputError, () => applyMetadata({ inputs, warnings: [] }, githubContext(), NOW, readVersion)).message).toContain('"main"');
  });
});

describe('formatDate (moment tokens)', () => {
  it('renders the tokens Kiln accepts, [literal] text kept', () => {
    const date = new Date('2021-03-26T04:05:06.007Z');
    expect(formatDate(date, 'YYYY-MM-DD[T]HH:mm:ss.SSS[Z]')).toBe('2021-03-26T04:05:06.007Z');
    expect(formatDate(date, 'YY M D H m s')).toBe('21 3 26 4 5 6');
    expect(formatDate(date, 'YYYYMMDD', 'America/Los_Angeles')).toBe('20210325');
  });
});
