// Types for engine-grpc.mjs.
import type { Socket } from 'node:net';

export function proxyToEngine(client: Socket, engineSocket: string, track?: (engine: Socket) => void): void;
