import { describe, expect, it } from '@jest/globals';
import { imageName, registryHost, repositoryPath } from '../../src/plan/image-ref.js';

describe('registryHost and repositoryPath: image references as Docker reads them', () => {
  it.each<[string, string | undefined, string]>([
    ['ghcr.io/o/app:1', 'ghcr.io', 'o/app'],
    ['localhost:5000/kiln/x:t', 'localhost:5000', 'kiln/x'],
    ['localhost/x', 'localhost', 'x'],
    ['LOCALHOST/x', 'LOCALHOST', 'x'],
    ['127.0.0.1:5001/app', '127.0.0.1:5001', 'app'],
    ['[::1]:5000/app:2', '[::1]:5000', 'app'],
    ['registry:5000/app', 'registry:5000', 'app'],
    ['busybox', undefined, 'busybox'],
    ['busybox:1.36', undefined, 'busybox'],
    ['library/busybox:latest', undefined, 'library/busybox'],
    ['user/app', undefined, 'user/app'],
    [`ghcr.io/o/app:1@sha256:${'a'.repeat(64)}`, 'ghcr.io', 'o/app'],
    [`ghcr.io/o/app@sha256:${'a'.repeat(64)}`, 'ghcr.io', 'o/app'],
  ])('%s', (ref, host, path) => {
    expect(registryHost(ref)).toBe(host);
    expect(repositoryPath(ref)).toBe(path);
  });
});

describe('imageName: the tag and digest removed, the registry kept', () => {
  it.each([
    ['ghcr.io/o/app:1', 'ghcr.io/o/app'],
    ['localhost:5000/kiln/x:t', 'localhost:5000/kiln/x'],
    ['localhost:5000/kiln/x', 'localhost:5000/kiln/x'],
    ['[::1]:5000/app:2', '[::1]:5000/app'],
    ['busybox', 'busybox'],
    ['busybox:1.36', 'busybox'],
    [`ghcr.io/o/app:1@sha256:${'a'.repeat(64)}`, 'ghcr.io/o/app'],
    [`app@sha256:${'a'.repeat(64)}`, 'app'],
  ])('%s → %s', (ref, name) => {
    expect(imageName(ref)).toBe(name);
  });
});
