// Evaluated first in the bundle (src/index.ts imports it before anything else): asks the engine
// GET /info at once, so that dockerd answers while Node evaluates the rest of Kiln. It reads the
// two variables that decide which engine is asked; everything else takes the step's environment.
import { askInfoEarly } from './engine-api.js';

export const early = askInfoEarly(process.env);
