/** What a command may touch of the process, passed in so commands are testable and never read globals. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly cwd: string;
  /** Colour decided once by the shell (TTY, NO_COLOR, --color/--no-color). */
  readonly color: boolean;
  readonly now: () => Date;
  /** The terminal a progress line may be drawn on (stderr when it is one); tests leave it out. */
  readonly progressStream?: NodeJS.WriteStream;
}
