import type { BuilderDecision, EngineFacts } from './builder.js';

/**
 * Why the decided builder cannot work when the engine could not be asked, or undefined: the
 * docker and docker-container drivers run on the engine; a remote builder (or a named one of
 * another driver) does not need it.
 */
export function engineProblem(decision: BuilderDecision, facts: Pick<EngineFacts, 'unreachable'>): string | undefined {
  if (facts.unreachable === undefined || !['docker', 'docker-container'].includes(decision.driver)) return undefined;
  return (
    `The ${decision.driver} builder ${decision.name} runs on a Docker engine, and ${facts.unreachable}. ` +
    'Fix: start dockerd (or set DOCKER_HOST to a reachable engine), or name a remote BuildKit builder (`builder:`, or `driver: remote` with `endpoint:`).'
  );
}
