// The action's entry point (dist/main/index.js). Requests abandoned at their deadline (a cache
// service that never answers) would hold the step open: it ends when Kiln's work does. Output to
// pipes and files is written synchronously.
import { run } from './main.js';

await run();
process.exit();
