import { describe, expect, it, jest } from '@jest/globals';
import { expectRejectedBeforeRunning, expectSuccess, kiln, runTag } from './support/kiln.js';
import { getBlob, getManifest, type Manifest, platformName } from './support/registry.js';

jest.setTimeout(240_000);

const SHA = '9f3c1e7a5b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e';
const REPOSITORY = {
  name: 'kiln',
  description: 'One step for images',
  html_url: 'https://github.com/kiln-dev/kiln',
  default_branch: 'main',
  license: { spdx_id: 'MIT' },
};

/** The image manifests (not attestations) of what a reference serves, with their repository. */
async function imageManifests(ref: string): Promise<{ repo: string; platform: string; manifest: Manifest }[]> {
  const repo = ref.replace(/^localhost:5000\//, '').replace(/:[^/:]+$/, '');
  const { manifest } = await getManifest(ref);
  const entries = (manifest.manifests ?? []).filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
  return Promise.all(
    entries.map(async (d) => ({ repo, platform: platformName(d), manifest: (await getManifest(`${ref.replace(/:[^/:]+$/, '')}@${d.digest}`)).manifest })),
  );
}

async function configLabels(repo: string, manifest: Manifest): Promise<Record<string, string>> {
  const config = JSON.parse((await getBlob(repo, manifest.config?.digest ?? '')).toString('utf8')) as { config?: { Labels?: Record<string, string> } };
  return config.config?.Labels ?? {};
}

describe('tags and labels from Git (images)', () => {
  it('a tag push of v1.2.3 with no tag rules lands 1.2.3, 1.2, 1, latest and sha-<short> on one digest, with the OCI labels', async () => {
    const repository = `localhost:5000/kiln-e2e/meta-${runTag}`;
    const started = Date.now();
    const result = await kiln(
      {
        context: 'basic',
        target: 'base',
        push: 'true',
        images: repository,
        labels: 'org.opencontainers.image.title=Kiln e2e',
      },
      { eventName: 'push', ref: 'refs/tags/v1.2.3', sha: SHA, payload: { ref: 'refs/tags/v1.2.3', repository: REPOSITORY } },
    );
    expectSuccess(result);

    const expected = ['1.2.3', '1.2', '1', 'sha-9f3c1e7', 'latest'].map((t) => `${repository}:${t}`);
    expect(result.outputs.tags).toBe(expected.join('\n'));
    expect(result.outputs.version).toBe('1.2.3');
    for (const ref of expected) expect([ref, (await getManifest(ref)).digest]).toEqual([ref, result.outputs.digest]);

    const [amd64] = await imageManifests(`${repository}:1.2.3`);
    expect(amd64?.platform).toBe('linux/amd64');
    const labels = await configLabels(amd64?.repo ?? '', amd64?.manifest ?? {});
    expect(labels).toMatchObject({
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.source': 'https://github.com/kiln-dev/kiln',
      'org.opencontainers.image.url': 'https://github.com/kiln-dev/kiln',
      'org.opencontainers.image.description': 'One step for images',
      'org.opencontainers.image.licenses': 'MIT',
      // The user's label wins over the repository's name.
      'org.opencontainers.image.title': 'Kiln e2e',
    });
    const created = Date.parse(labels['org.opencontainers.image.created'] ?? '');
    expect(created).toBeGreaterThanOrEqual(started - 1000);
    expect(created).toBeLessThanOrEqual(Date.now());
    // The labels output is what the image carries, one per line.
    expect((result.outputs.labels ?? '').split('\n').sort()).toEqual(
      Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .sort(),
    );

    // Single platform: the annotations go on the image manifest (there may be no index to carry them).
    expect((amd64?.manifest as { annotations?: Record<string, string> }).annotations).toMatchObject({
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.revision': SHA,
    });

    expect(result.summary).toContain(`- \`${repository}:1.2\` from \`type=semver,pattern={{major}}.{{minor}}\``);
    expect(result.summary).toContain(`- \`${repository}:sha-9f3c1e7\` from \`type=sha\``);
  });

  it('a branch push of feature/x with the default rules, two platforms: the index carries the annotations', async () => {
    const repository = `localhost:5000/kiln-e2e/meta-multi-${runTag}`;
    const result = await kiln(
      { context: 'basic', target: 'base', push: 'true', platforms: 'linux/amd64,linux/arm64', images: repository },
      { eventName: 'push', ref: 'refs/heads/feature/x', sha: SHA, payload: { ref: 'refs/heads/feature/x', repository: REPOSITORY } },
    );
    expectSuccess(result);
    expect(result.outputs.tags).toBe([`${repository}:feature-x`, `${repository}:sha-9f3c1e7`].join('\n'));
    expect(result.outputs.version).toBe('feature-x');

    const index = await getManifest(`${repository}:feature-x`);
    expect(index.digest).toBe(result.outputs.digest);
    expect((await getManifest(`${repository}:sha-9f3c1e7`)).digest).toBe(result.outputs.digest);
    expect((index.manifest as { annotations?: Record<string, string> }).annotations).toMatchObject({
      'org.opencontainers.image.version': 'feature-x',
      'org.opencontainers.image.source': 'https://github.com/kiln-dev/kiln',
    });
    const images = await imageManifests(`${repository}:feature-x`);
    expect(images.map((i) => i.platform).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const i of images) {
      expect((i.manifest as { annotations?: Record<string, string> }).annotations).toMatchObject({ 'org.opencontainers.image.revision': SHA });
      expect(await configLabels(i.repo, i.manifest)).toMatchObject({
        'org.opencontainers.image.version': 'feature-x',
        'org.opencontainers.image.title': 'kiln',
      });
    }
  });

  it('flavor and label templates: a tag push of v2.0.0 tags app-2.0.0-slim, app-2.0-slim and latest-slim; the labels carry the expanded templates', async () => {
    const repository = `localhost:5000/kiln-e2e/meta-flavor-${runTag}`;
    const utcDay = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const dayBefore = utcDay();
    const result = await kiln(
      {
        context: 'basic',
        target: 'base',
        push: 'true',
        images: repository,
        tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=sha',
        flavor: 'prefix=app-\nsuffix=-slim,onlatest=true',
        labels: [
          'com.example.tag={{tag}}',
          "org.opencontainers.image.created={{commit_date 'YYYY-MM-DDTHH:mm:ss[Z]'}}",
          "com.example.built-day={{date 'YYYYMMDD'}}",
          'com.example.literal=\\{{sha}}',
        ].join('\n'),
      },
      {
        eventName: 'push',
        ref: 'refs/tags/v2.0.0',
        sha: SHA,
        payload: { ref: 'refs/tags/v2.0.0', repository: REPOSITORY, head_commit: { id: SHA, timestamp: '2026-03-04T05:06:07+02:00' } },
      },
    );
    expectSuccess(result);

    // type=sha keeps its own sha- prefix; the flavor's suffix reaches it, and latest (onlatest=true).
    const expected = ['app-2.0.0-slim', 'app-2.0-slim', 'sha-9f3c1e7-slim', 'latest-slim'].map((t) => `${repository}:${t}`);
    expect(result.outputs.tags).toBe(expected.join('\n'));
    expect(result.outputs.version).toBe('app-2.0.0-slim');
    for (const ref of expected) expect([ref, (await getManifest(ref)).digest]).toEqual([ref, result.outputs.digest]);

    const [amd64] = await imageManifests(`${repository}:app-2.0.0-slim`);
    const labels = await configLabels(amd64?.repo ?? '', amd64?.manifest ?? {});
    expect(labels).toMatchObject({
      'com.example.tag': 'v2.0.0',
      // The head commit's time, in UTC; the user's label wins over the run's time.
      'org.opencontainers.image.created': '2026-03-04T03:06:07Z',
      'com.example.built-day': expect.stringMatching(new RegExp(`^(${dayBefore}|${utcDay()})$`)),
      'com.example.literal': '{{sha}}',
      'org.opencontainers.image.version': 'app-2.0.0-slim',
    });
    expect((amd64?.manifest as { annotations?: Record<string, string> }).annotations).toMatchObject({ 'org.opencontainers.image.version': 'app-2.0.0-slim' });
  });

  it('an unknown template in labels fails on `labels` before anything runs', async () => {
    const result = await kiln({ context: 'basic', push: 'true', images: `localhost:5000/kiln-e2e/meta-tpl-${runTag}`, labels: 'com.example.v={{version}}' });
    expectRejectedBeforeRunning(result, 'labels', 'com.example.v={{version}}', '{{version}} is not an expression Kiln supports here');
  });

  it('a push for which no rule gives a tag fails on `images` before anything runs', async () => {
    const result = await kiln(
      { context: 'basic', push: 'true', images: `localhost:5000/kiln-e2e/meta-none-${runTag}`, tags: 'type=semver,pattern={{version}}' },
      { eventName: 'push', ref: 'refs/heads/main', sha: SHA },
    );
    expectRejectedBeforeRunning(result, 'images', 'no tag rule gave a tag for this event (push on refs/heads/main)');
  });

  it('refuses a metadata-action rule Kiln does not support before anything runs', async () => {
    const result = await kiln({
      context: 'basic',
      push: 'true',
      images: `localhost:5000/kiln-e2e/meta-refused-${runTag}`,
      tags: 'type=pep440,pattern={{version}}',
    });
    expectRejectedBeforeRunning(result, 'tags', 'type=pep440', 'not supported by Kiln');
  });
});
