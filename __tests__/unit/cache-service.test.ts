import { describe, expect, it } from '@jest/globals';
import { ghaExportTimeout, probeProblem, ServiceBudget, tokenProblem } from '../../src/plan/cache-service.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>, header: unknown = { alg: 'RS256', typ: 'JWT' }) => `${b64(header)}.${b64(claims)}.c2lnbmF0dXJl`;
const NOW = 1_800_000_000;
const AC = JSON.stringify([{ Scope: 'refs/heads/main', Permission: 3 }]);

describe('tokenProblem: can BuildKit parse the runtime token?', () => {
  it.each([
    ['a runner-shaped token', jwt({ ac: AC, exp: NOW + 3600, nbf: NOW - 60 })],
    ['a token without an ac claim', jwt({ exp: NOW + 60 })],
    ['a token without exp', jwt({ ac: AC })],
  ])('%s: usable', (_, token) => {
    expect(tokenProblem(token, NOW)).toBeUndefined();
  });

  it.each([
    ['dummy', 'dummy', 'not a JWT (1 dot-separated part, a JWT has 3)'],
    ['two parts', 'a.b', 'not a JWT (2 dot-separated parts'],
    ['garbage segments', 'abc.def.ghi', 'the header is not base64url JSON'],
    ['a header without alg', jwt({ ac: AC }, { typ: 'JWT' }), 'with an `alg`'],
    ['claims that are not JSON', `${b64({ alg: 'HS256' })}.bm90IGpzb24.x`, 'the claims are not base64url JSON'],
    ['an expired token', jwt({ ac: AC, exp: NOW - 1 }), 'expired at'],
    ['ac as a list, not a string', jwt({ ac: [{ Scope: 'x' }] }), 'not a JSON list of cache scopes'],
    ['ac that is not JSON', jwt({ ac: 'refs/heads/main' }), 'not a JSON list of cache scopes'],
  ])('%s: refused, saying why', (_, token, says) => {
    expect(tokenProblem(token, NOW)).toContain(says);
  });

  it('never repeats the token itself', () => {
    const token = jwt({ ac: 'nope', exp: NOW + 1 });
    expect(tokenProblem(token, NOW)).not.toContain(token);
    expect(tokenProblem('secret-dummy-token', NOW)).not.toContain('secret-dummy-token');
  });
});

describe('probeProblem: what one lookup of a missing key says about the service', () => {
  it.each([200, 204])('HTTP %i: working', (status) => {
    expect(probeProblem({ status }, 3000)).toBeUndefined();
  });

  it.each<[Parameters<typeof probeProblem>[0], string]>([
    [{ failed: 'timeout', message: 'no answer' }, 'did not answer within 3 s'],
    [{ failed: 'error', message: 'connect ECONNREFUSED 127.0.0.1:9' }, 'could not be reached (connect ECONNREFUSED 127.0.0.1:9)'],
    [{ status: 401 }, 'refused the token (HTTP 401)'],
    [{ status: 403 }, 'refused the token (HTTP 403)'],
    [{ status: 429 }, 'rate-limiting'],
    [{ status: 500 }, 'is failing (HTTP 500)'],
    [{ status: 503 }, 'is failing (HTTP 503)'],
    [{ status: 404 }, 'answered a cache lookup with HTTP 404'],
  ])('%j: not usable', (outcome, says) => {
    expect(probeProblem(outcome, 3000)).toContain(says);
  });
});

describe('ServiceBudget: one deadline shared by concurrent operations', () => {
  it('starts a phase on first use and counts down from there, for every operation of the phase', () => {
    const budget = new ServiceBudget({ restore: 10_000, save: 30_000 });
    expect(budget.left('restore', 1_000)).toBe(10_000);
    expect(budget.left('restore', 4_000)).toBe(7_000);
    expect(budget.left('restore', 12_000)).toBe(0);
    // Another phase has its own budget, started when it is first used.
    expect(budget.left('save', 50_000)).toBe(30_000);
    expect(budget.left('save', 70_000)).toBe(10_000);
  });

  it('gives up once: the first failure is the one to warn about, and it stays', () => {
    const budget = new ServiceBudget({ restore: 1 });
    expect(budget.problem).toBeUndefined();
    expect(budget.giveUp('did not answer')).toBe(true);
    expect(budget.giveUp('is failing (HTTP 500)')).toBe(false);
    expect(budget.problem).toBe('did not answer');
  });
});

describe('ghaExportTimeout: BuildKit gives up on a refused export before Kiln stops it', () => {
  it.each([
    [300, '150s'],
    [12, '6s'],
    [90, '45s'],
    [599, '299s'],
    [600, '5m'],
    [3600, '5m'],
    [1, '1s'],
    [0, '5m'],
  ])('cache-export-timeout %d s → timeout=%s', (seconds, expected) => {
    expect(ghaExportTimeout(seconds)).toBe(expected);
  });
});
