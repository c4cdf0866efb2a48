import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; null otherwise, so piped output stays clean. */
export function terminalProgressBar(format: string): cliProgress.SingleBar | null {
  if (!process.stderr.isTTY) return null;
  return new cliProgress.SingleBar({ format, stream: process.stderr }, cliProgress.Presets.shades_classic);
}
