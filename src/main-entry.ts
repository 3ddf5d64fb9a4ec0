// What src/index.ts loads once the engine has been asked: the whole main step, as one chunk.
export { actionDeps, run } from './main.js';
export { finishPostWork, postSkipDeps, recordingState } from './post-skip.js';
