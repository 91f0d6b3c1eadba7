/**
 * `kubeward snapshot`: what was read from one or more clusters (or snapshots, to merge them),
 * written as a versioned snapshot file (load/cluster/snapshot.ts) that every analysing command
 * takes as input; and `kubeward rbac-for-scanner`, the read-only RBAC the reader needs.
 */
import { UsageError } from '../../errors.js';
import { openNamedFileForWriting } from '../../load/errno.js';
import { scannerRbac, SECRET_LIST_WARNING } from '../../load/cluster/rbacForScanner.js';
import { renderSnapshot } from '../../load/cluster/snapshot.js';
import { describeNotVisible } from '../../load/cluster/read.js';
import { packageVersion } from '../../report/toolInfo.js';
import type { CliIo } from '../io.js';
import { resolveClusterInput, wantsCluster, type ClusterInputFlags } from './cluster.js';

export interface SnapshotFlags extends ClusterInputFlags {
  /** File to write; `-` or none: standard output. */
  readonly output?: string;
}

export async function runSnapshot(
  paths: readonly string[],
  flags: SnapshotFlags,
  io: CliIo,
): Promise<number> {
  // `kubeward snapshot` reads the current context when no input is named
  const input =
    !wantsCluster(flags) && (flags.snapshot?.length ?? 0) === 0 && paths.length === 0
      ? { ...flags, cluster: true }
      : flags;
  const reads = await resolveClusterInput(paths, input, io);
  if (reads === undefined)
    throw new UsageError(
      'snapshot reads clusters: give --cluster, --context NAME or --all-contexts (or snapshot files to merge)',
    );
  for (const r of reads) {
    for (const n of r.notVisible)
      io.stderr(`warning: cluster ${r.context}: not visible: ${describeNotVisible(n)}\n`);
    for (const e of r.errors) io.stderr(`error: ${e.file}: ${e.message}\n`);
  }
  const out =
    flags.output !== undefined && flags.output !== '-'
      ? await openNamedFileForWriting(flags.output, 'snapshot', io.cwd)
      : undefined;
  try {
    for (const chunk of renderSnapshot(reads, packageVersion())) {
      if (out) await out.write(chunk);
      else io.stdout(chunk);
    }
  } finally {
    await out?.close();
  }
  const objects = reads.reduce((n, r) => n + r.objects.length, 0);
  if (out)
    io.stderr(
      `wrote ${objects} objects of ${reads.length} cluster${reads.length === 1 ? '' : 's'} to ${flags.output!}\n`,
    );
  return reads.every((r) => r.objects.length === 0 && r.errors.length > 0) ? 2 : 0;
}

export interface RbacForScannerFlags {
  readonly name?: string;
  readonly namespace?: string;
  readonly secretMetadata?: boolean;
}

/** Prints the ServiceAccount, ClusterRole and ClusterRoleBinding as one YAML stream. */
export async function runRbacForScanner(flags: RbacForScannerFlags, io: CliIo): Promise<number> {
  const { stringify } = await import('yaml');
  const objects = scannerRbac(flags);
  const head =
    flags.secretMetadata === true
      ? `# WARNING: ${SECRET_LIST_WARNING}\n`
      : '# kubeward scan --cluster: read-only, no Secrets\n';
  io.stdout(head + objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'));
  if (flags.secretMetadata === true) io.stderr(`warning: ${SECRET_LIST_WARNING}\n`);
  return 0;
}
