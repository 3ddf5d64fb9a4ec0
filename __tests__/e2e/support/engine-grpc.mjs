// The engine's embedded BuildKit as a plain buildkitd endpoint. dockerd serves BuildKit's gRPC
// API on POST /grpc once the connection is upgraded (it hijacks the connection and speaks HTTP/2
// on it); a buildkitd client speaks HTTP/2 with prior knowledge from its first byte, so the proxy
// does the upgrade itself, then pipes.
//
// Also a command, for a network namespace the test process is not in (a second engine's):
//   nsenter --net=/proc/PID/ns/net node engine-grpc.mjs HOST ENGINE_SOCKET
// listens on HOST at a free port, prints `listening HOST:PORT`, and serves until killed.
import { connect, createServer } from 'node:net';
import { pathToFileURL } from 'node:url';

const UPGRADE = 'POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n';
const MAX_HEAD = 64 * 1024;

/** Pipes `client` to the BuildKit of the engine at `engineSocket`; `track` sees the engine-side socket. */
export function proxyToEngine(client, engineSocket, track = () => {}) {
  client.pause();
  const engine = connect(engineSocket);
  track(engine);
  const fail = () => {
    client.destroy();
    engine.destroy();
  };
  client.on('error', fail);
  engine.on('error', fail);
  client.once('close', () => engine.destroy());
  engine.once('close', () => client.destroy());
  engine.once('connect', () => engine.write(UPGRADE));
  let head = Buffer.alloc(0);
  const onHead = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (head.length > MAX_HEAD) fail();
      return;
    }
    engine.off('data', onHead);
    if (!/^HTTP\/1\.[01] 101 /.test(head.subarray(0, end).toString('latin1'))) {
      fail();
      return;
    }
    // Bytes after the head are already HTTP/2 (the engine's SETTINGS frame).
    const rest = head.subarray(end + 4);
    if (rest.length > 0) client.write(rest);
    engine.pipe(client);
    client.pipe(engine);
    client.resume();
  };
  engine.on('data', onHead);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [host = '127.0.0.1', engineSocket = '/var/run/docker.sock'] = process.argv.slice(2);
  const server = createServer((client) => proxyToEngine(client, engineSocket));
  server.listen(0, host, () => {
    process.stdout.write(`listening ${host}:${server.address().port}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
}
