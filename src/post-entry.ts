// The post step's entry point (dist/post/index.js): the environment is taken (secret inputs leave
// it) before anything runs, then the clean-up runs with the real effects.
import { post, postDeps } from './post.js';
import { takeStepEnv } from './step-env.js';

post(postDeps(takeStepEnv().children));
