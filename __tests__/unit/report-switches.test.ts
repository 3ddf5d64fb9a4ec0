import { describe, expect, it } from '@jest/globals';
import type { InputError } from '../../src/inputs/errors.js';
import { InputErrors } from '../../src/inputs/errors.js';
import { readInputs } from '../../src/inputs/read.js';
import { readReportSwitches } from '../../src/inputs/report-env.js';
import { backendIds, expiresAt, parseBuildRef, recordArtifactName, zipOne } from '../../src/report/build-record.js';
import { readZip } from '../read-zip.js';
import { inputSource } from './support.js';

function read(env: Record<string, string>, recordUpload = 'false') {
  const errors: InputError[] = [];
  const warnings: string[] = [];
  const switches = readReportSwitches(env, recordUpload, errors, warnings);
  return { switches, errors: errors.map((e) => e.message), warnings };
}

describe('readReportSwitches', () => {
  it('defaults: summary and annotations on, record upload off', () => {
    expect(read({})).toEqual({
      switches: { summary: true, checkAnnotations: true, recordUpload: false, recordRetentionDays: undefined },
      errors: [],
      warnings: [],
    });
  });

  it.each(['false', 'False', 'FALSE', '0', 'f', 'F'])('DOCKER_BUILD_SUMMARY=%s turns the summary off', (value) => {
    expect(read({ DOCKER_BUILD_SUMMARY: value }).switches.summary).toBe(false);
  });

  it('DOCKER_BUILD_CHECKS_ANNOTATIONS=false turns annotations off; true and 1 keep them', () => {
    expect(read({ DOCKER_BUILD_CHECKS_ANNOTATIONS: 'false' }).switches.checkAnnotations).toBe(false);
    expect(read({ DOCKER_BUILD_CHECKS_ANNOTATIONS: '1' }).switches.checkAnnotations).toBe(true);
  });

  it('the upload is on with the variable or the input, and retention days are read', () => {
    expect(read({ DOCKER_BUILD_RECORD_UPLOAD: 'true', DOCKER_BUILD_RECORD_RETENTION_DAYS: '3' }).switches).toMatchObject({
      recordUpload: true,
      recordRetentionDays: 3,
    });
    expect(read({}, 'true').switches.recordUpload).toBe(true);
    expect(read({ DOCKER_BUILD_RECORD_UPLOAD: 'false' }, 'true').switches.recordUpload).toBe(true);
    // 0 is the repository's default, as in the official action.
    expect(read({ DOCKER_BUILD_RECORD_RETENTION_DAYS: '0' }).switches.recordRetentionDays).toBeUndefined();
  });

  it('the deprecated names still work, with a warning', () => {
    const r = read({ DOCKER_BUILD_NO_SUMMARY: 'true', DOCKER_BUILD_EXPORT_RETENTION_DAYS: '5' });
    expect(r.switches).toMatchObject({ summary: false, recordRetentionDays: 5 });
    expect(r.warnings).toHaveLength(2);
  });

  it('values the official action would refuse are errors naming the variable', () => {
    expect(read({ DOCKER_BUILD_SUMMARY: 'off' }).errors).toEqual([
      'Environment variable DOCKER_BUILD_SUMMARY has "off": use true or false (also 1, 0, t, f, TRUE, FALSE, True, False)',
    ]);
    expect(read({ DOCKER_BUILD_RECORD_RETENTION_DAYS: '-1' }).errors[0]).toContain('DOCKER_BUILD_RECORD_RETENTION_DAYS has "-1": use a whole number of days');
    expect(read({ DOCKER_BUILD_RECORD_RETENTION_DAYS: '7 days' }).errors).toHaveLength(1);
    expect(read({}, 'maybe').errors[0]).toContain('Input "record-upload" has "maybe"');
  });

  it('settle the one summary switch every summary writer reads (fan-out legs and retries included)', () => {
    expect(readInputs(inputSource({})).inputs.summary).toBe(true);
    expect(readInputs(inputSource({}, { DOCKER_BUILD_SUMMARY: 'false' })).inputs.summary).toBe(false);
    expect(readInputs(inputSource({ summary: 'false' })).inputs.summary).toBe(false);
    expect(readInputs(inputSource({ summary: 'true' }, { DOCKER_BUILD_NO_SUMMARY: 'true' })).inputs.summary).toBe(false);
  });

  it('are reported together with the input errors', () => {
    let caught: unknown;
    try {
      readInputs(inputSource({ load: 'maybe' }, { DOCKER_BUILD_CHECKS_ANNOTATIONS: 'nah' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputErrors);
    expect((caught as InputErrors).errors.map((e) => e.input).sort()).toEqual(['DOCKER_BUILD_CHECKS_ANNOTATIONS', 'load']);
  });
});

describe('build record artifact', () => {
  it('names the artifact as docker/build-push-action does', () => {
    expect(parseBuildRef('default/default/lrw2befwple7xuvgg9tfo4i7d')).toEqual({ builder: 'default', id: 'lrw2befwple7xuvgg9tfo4i7d' });
    expect(parseBuildRef('nonsense')).toBeUndefined();
    expect(recordArtifactName('octo/app', 'lrw2befwple7xuvgg9tfo4i7d')).toBe('octo~app~LRW2BE.dockerbuild');
  });

  it('reads the run and job from the runtime token as @actions/artifact does', () => {
    const token = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
    expect(backendIds(token({ scp: 'Actions.ExampleScope Actions.Results:run-1:job-2' }))).toEqual({
      workflowRunBackendId: 'run-1',
      workflowJobRunBackendId: 'job-2',
    });
    expect(backendIds(token({ scp: 'Actions.ExampleScope' }))).toBeUndefined();
    expect(backendIds('dummy')).toBeUndefined();
  });

  it('expires retention days from now, or not at all', () => {
    expect(expiresAt(undefined, new Date('2026-12-01T10:00:00Z'))).toBeUndefined();
    expect(expiresAt(3, new Date('2026-12-01T10:00:00Z'))).toBe('2026-12-04T10:00:00.000Z');
  });

  it('zips the record as one entry that a zip reader reads back byte for byte, its CRC checked', () => {
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    const zip = zipOne('o~r~ABCDEF.dockerbuild', data, new Date(2026, 11, 1, 10, 20, 30));
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['o~r~ABCDEF.dockerbuild']);
    expect(entries[0]?.data.equals(data)).toBe(true);
  });

  it('a zip whose bytes were changed does not read back', () => {
    const data = Buffer.from('the record');
    const zip = zipOne('r.dockerbuild', data, new Date(2026, 11, 1, 10, 20, 30));
    const at = zip.indexOf(data);
    expect(at).toBeGreaterThan(0); // stored, not compressed: the bytes are there as given
    zip[at] = zip[at] === 0x74 ? 0x54 : 0x74;
    expect(() => readZip(zip)).toThrow();
  });
});
