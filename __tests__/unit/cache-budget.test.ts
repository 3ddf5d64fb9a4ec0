import { describe, expect, it } from '@jest/globals';
import { applyBudget, budgetDecision, usageFromApi } from '../../src/plan/cache-budget.js';
import { optionFrom } from '../../src/inputs/buildx-option.js';
import type { CachePlan } from '../../src/plan/cache.js';

const GB = 1024 ** 3;
const LIMIT = 10 * GB;

describe('budgetDecision (limit 10 GB: stop at 9 GB, a full write is 1 GB, a pull request’s share 0.5 GB)', () => {
  it.each<[string, number, boolean, 'as-planned' | 'min' | 'nothing']>([
    ['a push, 2 GB used', 2 * GB, false, 'as-planned'],
    ['a push, exactly 8 GB used (a full write just fits)', 8 * GB, false, 'as-planned'],
    ['a push, 8.5 GB used', 8.5 * GB, false, 'min'],
    ['a push, 9 GB used', 9 * GB, false, 'nothing'],
    ['a push, 9.9 GB used', 9.9 * GB, false, 'nothing'],
    ['a pull request, 8.5 GB used (its share just fits)', 8.5 * GB, true, 'as-planned'],
    ['a pull request, 8.6 GB used', 8.6 * GB, true, 'nothing'],
    ['a pull request, 2 GB used', 2 * GB, true, 'as-planned'],
  ])('%s → %s', (_, bytes, pullRequest, write) => {
    expect(budgetDecision({ bytes, limitBytes: LIMIT }, pullRequest).write).toBe(write);
  });

  it('says what it found and what it does', () => {
    expect(budgetDecision({ bytes: 8.6 * GB, limitBytes: LIMIT }, true).limited).toBe(
      "the repository's Actions cache holds 8.6 GB of its 10.0 GB: a pull request's share (0.5 GB) would take it over 90%, so this pull request writes nothing",
    );
    expect(budgetDecision({ bytes: 8.5 * GB, limitBytes: LIMIT }, false).limited).toBe(
      "the repository's Actions cache holds 8.5 GB of its 10.0 GB: a full write could take it over 90%, so this build writes mode=min",
    );
    expect(budgetDecision({ bytes: 9.5 * GB, limitBytes: LIMIT }, false).limited).toBe(
      "the repository's Actions cache holds 9.5 GB of its 10.0 GB (90% or more): nothing written",
    );
    expect(budgetDecision({ bytes: 1 * GB, limitBytes: LIMIT }, false).limited).toBeUndefined();
  });
});

describe('applyBudget', () => {
  const gha = optionFrom({ type: 'gha', scope: 'app-main', mode: 'max', 'ignore-error': 'true' });
  const plan: CachePlan = {
    kind: 'managed',
    backend: 'gha',
    reason: 'r',
    because: 'service-offered',
    why: 'w',
    rule: 'trusted-event',
    reads: ['app-main'],
    write: 'app-main',
    mode: 'max',
    cacheFrom: [optionFrom({ type: 'gha', scope: 'app-main' })],
    cacheTo: [gha],
    local: { dir: '/t/c', restoreKeys: ['k-'], saveKeyPrefix: 'k-app-main-' },
    warnings: [],
  };

  it('min: the export at mode=min, in place', () => {
    const out = applyBudget(plan, { write: 'min' });
    expect(out.mode).toBe('min');
    expect(out.cacheTo.map((e) => e.raw)).toEqual(['type=gha,scope=app-main,mode=min,ignore-error=true']);
    expect(out.write).toBe('app-main');
  });

  it('nothing: no export, no write scope (so no cache mount is saved), no local save', () => {
    const out = applyBudget(plan, { write: 'nothing' });
    expect(out).toMatchObject({ write: undefined, cacheTo: [], local: { dir: '/t/c', restoreKeys: ['k-'], saveKeyPrefix: undefined } });
    expect(out.cacheFrom).toEqual(plan.cacheFrom);
  });

  it('as planned: the same plan', () => {
    expect(applyBudget(plan, { write: 'as-planned' })).toBe(plan);
  });
});

describe('usageFromApi', () => {
  it.each<[string, unknown, number | undefined]>([
    ['the API’s answer', { full_name: 'o/r', active_caches_size_in_bytes: 1234, active_caches_count: 3 }, 1234],
    ['no size', { full_name: 'o/r' }, undefined],
    ['a string size', { active_caches_size_in_bytes: '12' }, undefined],
    ['a negative size', { active_caches_size_in_bytes: -1 }, undefined],
    ['null', null, undefined],
  ])('%s', (_, body, bytes) => {
    expect(usageFromApi(body)?.bytes).toBe(bytes);
  });
});
