// Types for local.mjs, the runner emulator the end-to-end tests drive.
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface RunOptions {
  inputs?: Record<string, string | string[]>;
  actionDir?: string;
  workspace?: string;
  env?: Record<string, string>;
  eventName?: string;
  payload?: object;
  repository?: string;
  sha?: string;
  ref?: string;
  echo?: boolean;
  keepRunDir?: boolean;
  /** The Node binary that runs the action (default: this process's). */
  node?: string;
  /** Sends `signal` to the main step once its output matches `when` (a cancelled job). */
  cancel?: { when: RegExp; signal: NodeJS.Signals };
  /** Runs between the main and the post step (where the runner runs later steps), with the saved state. */
  afterMain?: (state: Record<string, string>) => void | Promise<void>;
}

export interface RunResult {
  mainExitCode: number;
  postExitCode: number;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
  postStdout: string;
  /** Whether the runner started the post step (its `post-if` held). */
  postRan: boolean;
  commands: WorkflowCommand[];
  leftAfterMain: string[];
  leftInRunnerTemp: string[];
  runDir: string;
  /** When the main step got `cancel.signal`, and when it ended (ms since the epoch). */
  signalledAt?: number;
  mainEndedAt: number;
}

export const projectRoot: string;
export function runAction(options?: RunOptions): Promise<RunResult>;
export function parseFileCommands(text: string): Record<string, string>;
export function parseWorkflowCommands(stdout: string): WorkflowCommand[];
export function evaluateCondition(
  expression: string,
  scope: { status: 'success' | 'failure' | 'cancelled'; contexts: Record<string, Record<string, string>> },
): boolean;
