// The action's entry point (dist/main/index.js). The environment is taken first (secret inputs
// leave `process.env` before any process can start). Requests abandoned at their deadline (a
// cache service that never answers) would hold the step open: it ends when Kiln's work does.
// Output to pipes and files is written synchronously.
import { actionDeps, run } from './main.js';
import { takeStepEnv } from './step-env.js';

await run(actionDeps(takeStepEnv()));
process.exit();
