import { describe, expect, it } from '@jest/globals';
import { classifyRegistryError } from '../../src/plan/registry-error.js';

// Texts as BuildKit (a failed push) and buildx imagetools (a failed read-back) print them, buildx 0.29.
const PUT = 'failed to push 127.0.0.1:5002/kiln/app:1: unexpected status from PUT request to http://127.0.0.1:5002/v2/kiln/app/manifests/1';
const GET = 'ERROR: unexpected status from GET request to https://r.example/v2/app/manifests/1';

describe('classifyRegistryError: one judgement for the push retry and the read-back', () => {
  it.each([
    // The server is overloaded or broken.
    [`${PUT}: 503 Service Unavailable`, 'the registry failed (5xx)'],
    [`${PUT}: 500 Internal Server Error`, 'the registry failed (5xx)'],
    [`${GET}: 502 Bad Gateway`, 'the registry failed (5xx)'],
    ['ERROR: unexpected status from HEAD request to https://r.example/v2/app/manifests/1: 504 Gateway Timeout', 'the registry failed (5xx)'],
    ['failed to authorize: failed to fetch oauth token: unexpected status: 503', 'the registry failed (5xx)'],
    [`${GET}: 429 Too Many Requests`, 'the registry is rate-limiting (429)'],
    ['failed to push docker.io/me/app:1: toomanyrequests: You have reached your pull rate limit', 'the registry is rate-limiting (429)'],
    // The connection failed.
    [
      'failed to push 127.0.0.1:5002/a:1: failed to do request: Put "http://127.0.0.1:5002/v2/a/blobs/uploads/x": read tcp 127.0.0.1:4->127.0.0.1:5002: read: connection reset by peer',
      'the connection to the registry failed',
    ],
    [
      'ERROR: failed to do request: Head "http://localhost:1/v2/app/manifests/1": dial tcp 127.0.0.1:1: connect: connection refused',
      'the connection to the registry failed',
    ],
    ['ERROR: failed to do request: Get "https://r.example/v2/app/manifests/1": EOF', 'the connection to the registry failed'],
    ['failed to do request: Get "https://r.example/v2/": net/http: TLS handshake timeout', 'the connection to the registry failed'],
    ['failed to do request: Put "https://r.example/v2/a/blobs/uploads/x": context deadline exceeded', 'the connection to the registry failed'],
    ['failed to do request: Put "https://r.example/v2/": http2: server sent GOAWAY and closed the connection', 'the connection to the registry failed'],
    ['Could not read r/app:1 back from its registry: no answer within 15s', 'the connection to the registry failed'],
  ])('transient: %s (%s)', (message, reason) => {
    expect(classifyRegistryError(message)).toEqual({ transient: true, reason });
  });

  it.each([
    [`${PUT}: 401 Unauthorized`, 'the registry refused the credentials (401)'],
    ['ERROR: failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized', 'the registry refused the credentials (401)'],
    ['failed to push 127.0.0.1:5001/a:1: no basic auth credentials', 'the registry refused the credentials (401)'],
    [`${GET}: 403 Forbidden`, 'the registry refused access (403)'],
    ['failed to push ghcr.io/o/a:1: denied: permission_denied: write_package', 'the registry refused access (403)'],
    [`${PUT}: 400 Bad Request: NAME_INVALID`, 'the registry refused the image name'],
    ['ERROR: invalid reference format', 'the registry refused the image name'],
    ['ERROR: localhost:5000/app:1: not found', 'the registry has no such image (404)'],
    [`${GET}: 404 Not Found: MANIFEST_UNKNOWN`, 'the registry has no such image (404)'],
    [`${PUT}: 400 Bad Request`, 'the registry refused the request (400)'],
  ])('permanent: %s (%s)', (message, reason) => {
    expect(classifyRegistryError(message)).toEqual({ transient: false, reason });
  });

  it.each([
    'failed to push 127.0.0.1:5002/a:1: failed to copy: wrote 512 bytes, expected 1024',
    'failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2',
    '',
  ])('no known cause, not retried: %j', (message) => {
    expect(classifyRegistryError(message)).toEqual({ transient: false });
  });
});
