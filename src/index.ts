// The action's entry point (dist/main/index.js). The environment is taken first (secret inputs
// leave `process.env` before any process can start), then the engine is asked GET /info before
// the rest of Kiln is even read: it is a separate chunk, so that dockerd counts its images while
// Node compiles and evaluates the bundle. The request is written only once the socket connects, an
// event the loop would not see until the bundle has been compiled (tens of milliseconds), so the
// entry point waits for that first (about a millisecond). Requests abandoned at their deadline (a cache service
// that never answers) would hold the step open: it ends when Kiln's work does. Output to pipes and
// files is written synchronously. At the end the step deletes what it left and spares the job the
// post step's start when that was all it had to do (src/post-skip.ts).
import { askInfoEarly } from './engine-api.js';
import { takeStepEnv } from './step-env.js';

const taken = takeStepEnv();
const early = askInfoEarly(taken.children);
await early?.sent;
const { actionDeps, finishPostWork, postSkipDeps, recordingState, run } = await import('./main-entry.js');
const deps = actionDeps(taken, early);
const { io, saved } = recordingState(deps.io);
await run({ ...deps, io });
finishPostWork(saved, taken.step, postSkipDeps(taken.step));
process.exit();
