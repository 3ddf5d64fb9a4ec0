import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface GitServer {
  /** Stands in for GITHUB_SERVER_URL: repositories are at `${url}/<owner>/<name>.git`. */
  url: string;
  /** Authorization headers the server received, in order. */
  authorizations: string[];
  close: () => Promise<void>;
}

/**
 * A real Git server (git http-backend, smart HTTP) on loopback over the bare repositories under
 * `root`, which answers 401 to requests without the expected token, as a private repository would.
 */
export async function startGitServer(root: string, token: string): Promise<GitServer> {
  const authorizations: string[] = [];
  const credentials = Buffer.from(`x-access-token:${token}`).toString('base64');
  const server: Server = createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    authorizations.push(auth);
    // BuildKit writes the scheme in lower case (`basic ...`); HTTP schemes are case-insensitive.
    if (!/^basic /i.test(auth) || auth.slice('basic '.length) !== credentials) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="kiln-test"' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        REMOTE_USER: 'x-access-token',
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    cgi.on('close', () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf('\r\n\r\n') >= 0 ? out.indexOf('\r\n\r\n') : out.indexOf('\n\n');
      const sep = out.indexOf('\r\n\r\n') >= 0 ? 4 : 2;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of out.subarray(0, split).toString('utf8').split(/\r?\n/)) {
        const at = line.indexOf(':');
        const name = line.slice(0, at).trim();
        const value = line.slice(at + 1).trim();
        if (name.toLowerCase() === 'status') status = parseInt(value, 10);
        else if (name) headers[name] = value;
      }
      res.writeHead(status, headers).end(out.subarray(split + sep));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        // git's keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

/** Commits `files` into a new bare repository `<root>/<owner>/<name>.git`; returns the commit. */
export function makeRepository(root: string, repository: string, files: Record<string, string>, work: string): string {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
  execFileSync('mkdir', ['-p', work]);
  git(work, 'init', '-q', '-b', 'main');
  for (const [name, content] of Object.entries(files)) {
    execFileSync('mkdir', ['-p', path.dirname(path.join(work, name))]);
    execFileSync('tee', [path.join(work, name)], { input: content, stdio: ['pipe', 'ignore', 'inherit'] });
  }
  git(work, 'add', '.');
  git(work, '-c', 'user.name=kiln', '-c', 'user.email=kiln@example.invalid', 'commit', '-q', '-m', 'fixture');
  const bare = path.join(root, `${repository}.git`);
  git(root, 'clone', '-q', '--bare', work, bare);
  // BuildKit fetches the exact commit (`#<sha>`), which a server must allow.
  git(bare, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  return git(work, 'rev-parse', 'HEAD');
}
