// The build record as a workflow artifact: the pure parts (names, the service's identifiers,
// the zip around the record). The effects are in upload-record.ts, loaded only when asked for.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** `builder/node/id` (the metadata file's `buildx.build.ref`) → its builder and record id. */
export function parseBuildRef(ref: string): { builder: string; id: string } | undefined {
  const parts = ref.split('/');
  const [builder, , id] = parts;
  if (parts.length !== 3 || !builder || !id) return undefined;
  return { builder, id };
}

/** docker/build-push-action's artifact name: `owner~repo~ID6.dockerbuild`. */
export function recordArtifactName(repository: string, id: string): string {
  const [owner = 'local', repo = 'local'] = repository.split('/');
  return `${owner}~${repo}~${id.slice(0, 6).toUpperCase()}.dockerbuild`;
}

/**
 * The workflow run's and job's ids the artifact service files an artifact under, from the
 * runtime token's `scp` claim (`Actions.Results:<run>:<job>`), as @actions/artifact reads them.
 */
export function backendIds(token: string): { workflowRunBackendId: string; workflowJobRunBackendId: string } | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  let scp: unknown;
  try {
    scp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scp?: unknown }).scp;
  } catch {
    return undefined;
  }
  if (typeof scp !== 'string') return undefined;
  for (const scope of scp.split(' ')) {
    const [name, run, job, ...rest] = scope.split(':');
    if (name === 'Actions.Results' && run && job && rest.length === 0) return { workflowRunBackendId: run, workflowJobRunBackendId: job };
  }
  return undefined;
}

/** The artifact's expiry for `days` of retention (RFC 3339, as the Twirp JSON Timestamp); none for the default. */
export function expiresAt(days: number | undefined, now: Date): string | undefined {
  if (!days) return undefined;
  const at = new Date(now);
  at.setDate(at.getDate() + days);
  return at.toISOString();
}

/**
 * A zip holding `data` as one stored entry `name`: the form the artifact service serves (its
 * downloads are zips of the uploaded files). The record is already gzip-compressed, so the entry
 * is stored, not deflated: a few dozen bytes of headers, which a zip library would not improve.
 */
export function zipOne(name: string, data: Buffer, modified = new Date()): Buffer {
  const fileName = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  // MS-DOS time and date, as every zip reader expects them.
  const time = (modified.getHours() << 11) | (modified.getMinutes() << 5) | Math.floor(modified.getSeconds() / 2);
  const date = ((Math.max(modified.getFullYear(), 1980) - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate();
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0x0800, 6); // UTF-8 name
  local.writeUInt16LE(0, 8); // stored
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(date, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(date, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
  central.writeUInt32LE(0, 42); // the local header's offset
  const centralOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
