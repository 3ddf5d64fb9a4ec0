/** One node of a builder as `docker buildx inspect` shows it. */
export interface InspectedNode {
  name: string;
  /** `running`, `inactive`, `stopped`, … as buildx says. */
  status: string;
  /** Only a node that answered has one. */
  buildkitVersion?: string;
  /** Without the `*` buildx puts on the platforms set on the node; [] when it did not start. */
  platforms: string[];
}

export interface InspectedBuilder {
  name: string;
  /** '' when the output has no Driver line. */
  driver: string;
  /** The first node's that reports one. */
  buildkitVersion?: string;
  nodes: InspectedNode[];
}

const field = (block: string, key: string): string | undefined => new RegExp(`^${key}:[ \\t]+(.+)$`, 'm').exec(block)?.[1]?.trim();

/**
 * The text `docker buildx inspect [--bootstrap] NAME` prints (buildx has no JSON form for it):
 * a header (Name, Driver, …), then after `Nodes:` one block per node, each opening with `Name:`.
 */
export function parseBuildxInspect(stdout: string): InspectedBuilder {
  const [header = '', nodesPart = ''] = stdout.split(/^Nodes:[ \t]*$/m);
  const nodes = nodesPart
    .split(/^(?=Name:)/m)
    .filter((block) => block.startsWith('Name:'))
    .map((block) => ({
      name: field(block, 'Name') ?? '',
      status: field(block, 'Status') ?? '',
      buildkitVersion: field(block, 'BuildKit version')?.split(/\s/)[0],
      platforms: (field(block, 'Platforms') ?? '')
        .split(/,\s*/)
        .filter((p) => p !== '')
        .map((p) => p.replace(/\*$/, '')),
    }));
  return {
    name: field(header, 'Name') ?? '',
    driver: field(header, 'Driver')?.split(/\s/)[0] ?? '',
    buildkitVersion: nodes.find((n) => n.buildkitVersion !== undefined)?.buildkitVersion,
    nodes,
  };
}
