/**
 * Rendering of Kustomize folders and Helm charts through their own tools. kubeward
 * never reimplements either: it runs `kubectl kustomize` (or `kustomize build`) and
 * `helm template`, and says plainly which binary is missing when none is found.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface Rendered {
  readonly text?: string;
  readonly error?: string;
  /** The command that produced the text, for the source label. */
  readonly tool: string;
}

interface Candidate {
  readonly bin: string;
  readonly args: readonly string[];
}

function run(
  bin: string,
  args: readonly string[],
): Promise<{ stdout: string; stderr: string; missing: boolean; failed?: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { maxBuffer: 512 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ stdout: '', stderr: '', missing: true });
      } else if (err) {
        const firstLine = (stderr || err.message).trim().split('\n')[0] ?? '';
        resolve({ stdout, stderr, missing: false, failed: firstLine });
      } else {
        resolve({ stdout, stderr, missing: false });
      }
    });
  });
}

async function firstAvailable(
  candidates: readonly Candidate[],
  what: string,
  dir: string,
): Promise<Rendered> {
  for (const c of candidates) {
    const r = await run(c.bin, c.args);
    if (r.missing) continue;
    const tool = `${c.bin} ${c.args.slice(0, -1).join(' ')}`.trim();
    if (r.failed !== undefined) return { tool, error: `${tool} failed: ${r.failed}` };
    return { tool, text: r.stdout };
  }
  const names = candidates.map((c) => `\`${c.bin}\``).join(' or ');
  return {
    tool: candidates[0]!.bin,
    error: `${what} found in ${dir}, but ${names} is not installed (not on PATH); install it, or render the manifests yourself and pass the output`,
  };
}

/** Renders a Kustomize folder with `kubectl kustomize DIR`, else `kustomize build DIR`. */
export function renderKustomize(dir: string): Promise<Rendered> {
  return firstAvailable(
    [
      { bin: process.env.KUBEWARD_KUBECTL ?? 'kubectl', args: ['kustomize', dir] },
      { bin: 'kustomize', args: ['build', dir] },
    ],
    'kustomization file',
    dir,
  );
}

/**
 * The chart file each document of `helm template` output came from: helm starts every
 * document with `# Source: <chart name>/<path in the chart>` (subcharts:
 * `<chart>/charts/<sub>/templates/…`); the chart's name is replaced by its folder `dir`.
 * One entry per document span, undefined where the output does not say.
 */
export function helmTemplatesOf(
  text: string,
  documents: readonly { readonly start: number; readonly end: number }[],
  dir: string,
): (string | undefined)[] {
  return documents.map(({ start, end }) => {
    // the comment block at the top of the document, after its `---`
    for (const line of text.slice(start, end).split('\n', 8)) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed === '---') continue;
      const m = /^# Source: [^/]+\/(.+)$/.exec(trimmed);
      if (m) return join(dir, m[1]!);
      if (!trimmed.startsWith('#')) return undefined;
    }
    return undefined;
  });
}

/** How Helm charts are rendered: what `helm template` takes for a release. */
export interface HelmOptions {
  /** Values files, in order (`--values`). */
  readonly values?: readonly string[];
  /** `KEY=VALUE` settings, in order, after the files (`--set`). */
  readonly set?: readonly string[];
  /** The release's namespace (`--namespace`); objects the chart leaves without one land there. */
  readonly namespace?: string;
  /** The release name. @default "kubeward-scan" */
  readonly release?: string;
}

/** Renders a Helm chart with `helm template RELEASE DIR` (by default the chart's default values). */
export function renderHelm(dir: string, options: HelmOptions = {}): Promise<Rendered> {
  const args = [
    'template',
    options.release ?? 'kubeward-scan',
    ...(options.values ?? []).flatMap((f) => ['--values', f]),
    ...(options.set ?? []).flatMap((s) => ['--set', s]),
    ...(options.namespace !== undefined ? ['--namespace', options.namespace] : []),
    dir,
  ];
  return firstAvailable([{ bin: process.env.KUBEWARD_HELM ?? 'helm', args }], 'Chart.yaml', dir);
}
