// Signs one in-toto statement with sigstore-js against given Sigstore services and prints the
// bundle JSON: what a signing step does, run as its own Node process because Jest's module
// runtime cannot load sigstore-js's ESM-only fetch dependencies.
//   stdin: { statement, fulcio, rekor?, tsa?, token }   stdout: the bundle JSON
import { bundleToJSON } from '@sigstore/bundle';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } from '@sigstore/sign';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { statement, fulcio, rekor, tsa, token } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const witnesses = [];
if (rekor) witnesses.push(new RekorWitness({ rekorBaseURL: rekor, entryType: 'dsse', retry: false }));
if (tsa) witnesses.push(new TSAWitness({ tsaBaseURL: tsa, retry: false }));
const builder = new DSSEBundleBuilder({
  signer: new FulcioSigner({ fulcioBaseURL: fulcio, identityProvider: { getToken: () => Promise.resolve(token) }, retry: false }),
  witnesses,
});
const bundle = await builder.create({ data: Buffer.from(JSON.stringify(statement)), type: 'application/vnd.in-toto+json' });
process.stdout.write(JSON.stringify(bundleToJSON(bundle)));
