// Loaded into an action's process with NODE_OPTIONS=--import by the overhead test: records which
// Node built-ins the bundle requires, each process it starts and each Unix socket it connects to
// (the engine's API), and appends them as one JSON line to $KILN_COUNT_FILE when it exits.
// Counting, unlike timing, does not depend on how busy the machine is.
import { appendFileSync } from 'node:fs';
import Module from 'node:module';
import net from 'node:net';

const file = process.env.KILN_COUNT_FILE;
const record = { script: process.argv[1], builtins: [], spawned: [], sockets: [], builtinsAtFirstSpawn: undefined };

/** @param {string} request */
const note = (request) => {
  const name = String(request).replace(/^node:/, '');
  if (Module.isBuiltin(name) && !record.builtins.includes(name)) record.builtins.push(name);
  return name;
};

// What the bundle takes when first used (src/crypto-on-demand.ts) comes through here, not Module._load.
const getBuiltinModule = process.getBuiltinModule;
process.getBuiltinModule = function (id) {
  note(id);
  return getBuiltinModule.call(this, id);
};

// Kiln's bundle requires built-ins through createRequire, i.e. Module._load: a built-in it never
// asks for is never loaded, and child_process is wrapped the moment it is asked for.
const load = Module._load;
const wrapped = new WeakSet();
Module._load = function (request, ...rest) {
  const exports = load.call(this, request, ...rest);
  const name = note(request);
  if (name === 'child_process' && !wrapped.has(exports)) {
    wrapped.add(exports);
    for (const method of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync']) {
      const original = exports[method];
      exports[method] = function (command, args, ...more) {
        record.spawned.push([command, ...(Array.isArray(args) ? args.slice(0, 2) : [])].join(' '));
        record.builtinsAtFirstSpawn ??= [...record.builtins];
        return original.call(this, command, args, ...more);
      };
    }
  }
  return exports;
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  const target = Array.isArray(first) ? first[0] : first;
  const socketPath = typeof target === 'string' ? target : target?.path;
  if (typeof socketPath === 'string') record.sockets.push(socketPath);
  return connect.apply(this, args);
};

process.on('exit', () => {
  if (file) appendFileSync(file, `${JSON.stringify(record)}\n`);
});
