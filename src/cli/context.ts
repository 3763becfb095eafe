/**
 * Where the command line runs: its working directory and where it writes. The bin gives the
 * process's own; the tests give a folder and buffers, and run it in their process.
 */
export interface CliContext {
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The worker bundle that parses a large folder on every core; without one, this thread parses all. */
  worker?: URL;
}
