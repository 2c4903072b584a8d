/** Where the demo writes and what it knows of the terminal (the `shipmate demo` command and `npm run demo` pass their own). */
export interface DemoIo {
  stdout: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** --no-color given (NO_COLOR in `env` turns colour off too). */
  noColor: boolean;
  isTty: boolean;
  /** The terminal's width; 80 when unknown. */
  columns?: number;
}
