import { describe, expect, it } from '@jest/globals';
import { buildTimeline, legsTimeline, TIMELINE_LIMITS } from '../../src/report/timeline.js';
import { bigBuild, step } from '../timeline-steps.js';

describe('buildTimeline', () => {
  it('a single-platform build: one section, cached steps collapsed grey, BuildKit’s slow own steps apart', () => {
    const steps = [
      step(1, { name: '[internal] load metadata for localhost:5000/busybox', instruction: undefined, seconds: 0.4 }),
      step(2, { name: '[1/4] FROM busybox', instruction: 'FROM busybox', cached: true }),
      step(3, { name: '[2/4] COPY a /a', instruction: 'COPY a /a', cached: true }),
      step(4, { name: '[3/4] RUN make', instruction: 'RUN make', seconds: 12.34 }),
      step(5, { name: '[4/4] RUN test', instruction: 'RUN test', seconds: 0 }),
      step(6, { name: 'exporting to image', instruction: undefined, seconds: 0.05 }),
      step(7, { name: 'pushing layers', instruction: undefined, seconds: 2 }),
    ];
    expect(buildTimeline(steps, { platform: 'linux/amd64', emulated: [] })).toEqual([
      'gantt',
      '  dateFormat x',
      '  axisFormat %M:%S',
      '  section linux/amd64',
      '  2 cached steps 0.0 s :done, t0, 0, 1',
      '  [3/4] RUN make 12.3 s :t1, 1, 12341',
      '  [4/4] RUN test 0.0 s :t2, 12341, 12342',
      '  section BuildKit',
      // Cut to 48 characters, the `:` of the port gone.
      '  [internal] load metadata for localhost 5000/bus… 0.4 s :t3, 0, 400',
      '  pushing layers 2.0 s :t4, 400, 2400',
    ]);
  });

  it('platforms get their own sections; an emulated one is marked and its bars red; cross-compiled steps count for the target', () => {
    const steps = [
      step(1, { name: '[linux/amd64 2/2] RUN make', platform: 'linux/amd64', seconds: 1 }),
      step(2, { name: '[linux/arm64 2/2] RUN make', platform: 'linux/arm64', seconds: 7.5 }),
      step(3, { name: '[linux/amd64->arm64 build 1/1] RUN go build', platform: 'linux/amd64->arm64', seconds: 2 }),
    ];
    expect(buildTimeline(steps, { platform: 'linux/amd64', emulated: ['linux/arm64'] })).toEqual([
      'gantt',
      '  dateFormat x',
      '  axisFormat %M:%S',
      '  section linux/amd64',
      '  [2/2] RUN make 1.0 s :t0, 0, 1000',
      '  section linux/arm64 (emulated, QEMU)',
      '  [2/2] RUN make 7.5 s :crit, t1, 0, 7500',
      '  [build 1/1] RUN go build 2.0 s :crit, t2, 7500, 9500',
    ]);
  });

  it('a fully cached build has no timeline', () => {
    expect(buildTimeline([step(1, { cached: true }), step(2, { cached: true })], { platform: 'linux/amd64', emulated: [] })).toEqual([]);
  });

  it('labels are cleaned by the summary’s own function (secrets masked) before they are cut', () => {
    const chart = buildTimeline([step(1, { name: '[1/1] RUN echo s3cret', seconds: 1 })], {
      platform: 'linux/amd64',
      emulated: [],
      clean: (t) => t.replaceAll('s3cret', '***'),
    });
    expect(chart).toContain('  [1/1] RUN echo *** 1.0 s :t0, 0, 1000');
    expect(chart.join('\n')).not.toContain('s3cret');
  });

  it('a 300-step build stays within the bounds: 12 bars per platform at most, plus the collapsed runs between them', () => {
    const chart = buildTimeline(bigBuild(), { platform: 'linux/amd64', emulated: ['linux/arm64'] });
    const text = chart.join('\n');
    expect(text.length).toBeLessThan(TIMELINE_LIMITS.maxChars);
    const sections = chart.filter((l) => l.startsWith('  section '));
    expect(sections).toEqual(['  section linux/amd64', '  section linux/arm64 (emulated, QEMU)']);
    const bars = chart.filter((l) => / :.*t\d+, \d+, \d+$/.test(l));
    // 12 kept steps per platform and at most 13 collapsed runs around them.
    expect(bars.length).toBeLessThanOrEqual(2 * (12 + 13));
    expect(bars.filter((l) => l.includes('RUN make')).length).toBe(24);
    // No label keeps the characters that end a gantt task's text.
    for (const bar of bars) expect(bar.slice(0, bar.lastIndexOf(' :'))).not.toMatch(/[:;#%]/);
  });

  it('at most 8 sections; the rest are counted', () => {
    const steps = Array.from({ length: 10 }, (_, i) => step(i + 1, { platform: `linux/arch${i}`, name: `[linux/arch${i} 1/1] RUN x`, seconds: 1 }));
    const sections = buildTimeline(steps, { platform: 'linux/amd64', emulated: [] }).filter((l) => l.startsWith('  section '));
    expect(sections).toHaveLength(9);
    expect(sections.at(-1)).toBe('  section 2 more platforms not shown');
  });
});

describe('legsTimeline', () => {
  it('one bar per leg, all from zero, emulated legs red', () => {
    expect(
      legsTimeline([
        { platform: 'linux/amd64', seconds: 61.2, emulated: false, runner: 'ubuntu-24.04' },
        { platform: 'linux/arm64', seconds: 305, emulated: true },
      ]),
    ).toEqual([
      'gantt',
      '  dateFormat x',
      '  axisFormat %M:%S',
      '  section Legs',
      '  linux/amd64 on ubuntu-24.04 61.2 s :l0, 0, 61200',
      '  linux/arm64 (emulated, QEMU) 305.0 s :crit, l1, 0, 305000',
    ]);
  });
});
