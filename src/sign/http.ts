// How the signing phase speaks HTTP (the OIDC endpoint, Fulcio, Rekor, the timestamp authority,
// the registry, GitHub's API): `send`'s retries within the signing deadline, over node:http.
// Neither undici (`fetch`) nor sigstore-js's own client (make-fetch-happen) is loaded: loading
// them cost more CPU than all of the signing itself.
import { type HttpRequest, type HttpResponse, send } from '../github/http.js';
import { nodeTransport } from '../github/http-node.js';
import type { Deadline } from './deadline.js';

export function sendWithin(request: HttpRequest, limit: Deadline): Promise<HttpResponse> {
  return send(request, limit.policy(), nodeTransport);
}
