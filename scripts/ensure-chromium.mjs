#!/usr/bin/env node
/**
 * The browser the HTML report's test runs in: Debian's `chromium` package (no browser download;
 * playwright-core drives it through `executablePath`). `npm test` runs this first. When
 * /usr/bin/chromium (or $KUBEWARD_CHROMIUM) is there, nothing happens; otherwise, as root with
 * apt-get, it installs the package; otherwise it stops with what to run, exit 1, rather than let
 * the browser test be skipped.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const executable = process.env.KUBEWARD_CHROMIUM ?? '/usr/bin/chromium';

function runnable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (runnable(executable)) process.exit(0);
if (process.env.KUBEWARD_CHROMIUM !== undefined) {
  console.error(`ensure-chromium: KUBEWARD_CHROMIUM=${executable} is not an executable file`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !runnable('/usr/bin/apt-get')) {
  console.error(
    'ensure-chromium: the HTML report test needs Chromium at /usr/bin/chromium; install it with ' +
      '`sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), or set KUBEWARD_CHROMIUM to a Chromium binary',
  );
  process.exit(1);
}
console.error('ensure-chromium: installing Debian’s chromium package (once per machine)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env,
});
if (!runnable(executable)) {
  console.error(`ensure-chromium: apt-get finished but ${executable} is still missing`);
  process.exit(1);
}
