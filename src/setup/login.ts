import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { GithubContext } from '../github/context.js';
import type { Env, Inputs } from '../inputs/types.js';
import type { CachePlan } from '../plan/cache.js';
import { buildxConfigDir, dockerConfigDir } from '../plan/docker-config.js';
import { type DockerConfigFile, imagesNeedingLogin, type LoginPlan, planLogin, privateConfig } from '../plan/login.js';
import * as core from '../runner.js';

/** The logins made: the plan, and what the step's docker processes add to their environment for it. */
export interface Login {
  plan: LoginPlan;
  /** DOCKER_CONFIG and BUILDX_CONFIG when credentials were written; {} otherwise. */
  env: Env;
  /** The private config directory, removed by forgetLogin. */
  dir?: string;
}

function readUserConfig(file: string): DockerConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as DockerConfigFile;
  } catch {
    // Reported below.
  }
  core.warning(`${file} is not a JSON object; the step's docker commands do not see its settings or credentials`);
  return {};
}

/**
 * Logs in to the planned registries without touching the runner's Docker config: a private config
 * directory in the step's temp dir (removed by the post step with it, also after a failure) holds
 * the runner's config.json merged read-only and the step's credentials, written as `docker login`
 * writes them, but without a process and never through a credential helper. The returned `env`
 * points DOCKER_CONFIG there for the step's own docker processes only (nothing goes to
 * GITHUB_ENV or `process.env`, later steps never see it);
 * BUILDX_CONFIG keeps buildx's builders where the runner's other docker commands and the post step
 * find them, and the runner's cli-plugins and contexts stay reachable through symlinks.
 */
export function logIn(inputs: Inputs, pushed: string[], cache: Pick<CachePlan, 'cacheFrom' | 'cacheTo'>, ctx: GithubContext, env: Env, tempDir: string): Login {
  const userDir = dockerConfigDir(env, homedir);
  const user = readUserConfig(path.join(userDir, 'config.json'));
  const plan = planLogin({
    logins: inputs.logins,
    user,
    images: imagesNeedingLogin(pushed, cache),
    repository: ctx.repository,
    githubToken: inputs.githubToken,
    actor: env.GITHUB_ACTOR ?? '',
  });
  for (const mask of plan.masks) core.setSecret(mask);
  for (const line of plan.info) core.info(line);
  for (const line of plan.notices) core.notice(line);
  if (plan.credentials.length === 0) return { plan, env: {} };

  const dir = path.join(tempDir, 'docker-config');
  mkdirSync(dir, { mode: 0o700 });
  writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(privateConfig(user, plan.credentials), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  for (const entry of ['cli-plugins', 'contexts']) {
    const target = path.join(userDir, entry);
    if (existsSync(target)) symlinkSync(target, path.join(dir, entry));
  }
  core.info(
    `Registry: credentials for ${plan.credentials.map((c) => c.registry).join(', ')} are in a private Docker config for this step's docker commands only (${dir})`,
  );
  return { plan, env: { DOCKER_CONFIG: dir, BUILDX_CONFIG: buildxConfigDir(env, homedir) }, dir };
}

/**
 * The credentials go as soon as the main step ends, however it ends: the post step runs only at
 * the end of the job, and every step before it could read RUNNER_TEMP. The post step removes
 * the temp dir again, for a main step that was killed.
 */
export function forgetLogin(login: Pick<Login, 'dir'>): void {
  if (login.dir === undefined) return;
  rmSync(login.dir, { recursive: true, force: true });
  core.info(`Registry: removed the private Docker config ${login.dir}`);
}
