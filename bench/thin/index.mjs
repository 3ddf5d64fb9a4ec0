// The baseline of `npm run bench`: JSON.parse + spawn + exit code, nothing else.
import { spawn } from 'node:child_process';

const args = JSON.parse(process.env.INPUT_ARGS).map((a) => a.replaceAll('{RUNNER_TEMP}', process.env.RUNNER_TEMP));
const plugin = process.env.INPUT_PLUGIN;
spawn(plugin || 'docker', plugin ? args.slice(1) : args, { stdio: 'inherit' }).on('close', (code) => (process.exitCode = code ?? 1));
