// The action's entry point (dist/main/index.js). The engine is asked its facts first
// (src/engine-early.ts), then the environment is taken (secret inputs leave `process.env` before
// any process can start). Requests abandoned at their deadline (a cache service that never
// answers) would hold the step open: it ends when Kiln's work does. Output to pipes and files is
// written synchronously. At the end the step deletes what it left and spares the job the post
// step's start when that was all it had to do (src/post-skip.ts).
import { early } from './engine-early.js';
import { actionDeps, run } from './main.js';
import { finishPostWork, postSkipDeps, recordingState } from './post-skip.js';
import { takeStepEnv } from './step-env.js';

const taken = takeStepEnv();
const deps = actionDeps(taken, early);
const { io, saved } = recordingState(deps.io);
await run({ ...deps, io });
finishPostWork(saved, taken.step, postSkipDeps(taken.step));
process.exit();
