#!/usr/bin/env node
/**
 * The command-line shell: parses flags and lazily imports the command it runs.
 * Only this file maps errors to exit codes (0 clean, 1 findings at or above
 * --fail-on, 2 usage, input or configuration error). Also installed as
 * `kubectl-ward`, so `kubectl ward scan …` works.
 */
import { Command, CommanderError, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { ConfigError, InputError, UsageError } from '../errors.js';
import type { CliIo } from './io.js';
import { packageVersion } from '../report/toolInfo.js';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function makeIo(colorFlag: boolean | undefined): CliIo {
  const color = colorFlag ?? (process.stdout.isTTY === true && process.env.NO_COLOR === undefined);
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin,
    cwd: process.cwd(),
    color,
    now: () => new Date(),
    progressStream: process.stderr,
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * The input flags of a live cluster or snapshot, as every command that reads input takes them
 * (commands/cluster.ts). `object`: the engine commands get these options from `addClusterInput`,
 * which their inferred option types do not see.
 */
function clusterInputOf(options: object) {
  const o = options as { cluster?: boolean; context?: string[]; kubeconfig?: string; snapshot?: string[] };
  return {
    ...(o.cluster === true ? { cluster: true } : {}),
    ...(o.context !== undefined ? { context: o.context } : {}),
    ...(o.kubeconfig !== undefined ? { kubeconfig: o.kubeconfig } : {}),
    ...(o.snapshot !== undefined ? { snapshot: o.snapshot } : {}),
  };
}

/** Adds the live-cluster and snapshot input options to an engine command (netpol, rbac, paths, exposure). */
function addClusterInput(command: CommandUnknownOpts): void {
  command
    .option('--cluster', "read the kubeconfig's current context instead of files (read-only; no Secrets)")
    .option('--context <name>', 'read this kubeconfig context', collect)
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, else in-cluster)')
    .option('--snapshot <file>', 'read a snapshot file (kubeward snapshot) instead of files', collect);
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('kubeward')
    .description(
      'Kubernetes-native zero-trust security: scan manifests, Pod Security Standards, blast radius',
    )
    .version(packageVersion(), '-V, --version')
    .option('--color', 'force coloured output')
    .option('--no-color', 'never colour output')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  const colorOf = (): boolean | undefined => {
    const o = program.opts();
    return process.argv.includes('--color') || process.argv.includes('--no-color') ? o.color : undefined;
  };

  program
    .command('scan')
    .description(
      'scan manifests (files, folders, - for stdin, Kustomize folders, Helm charts) for security misconfigurations',
    )
    .argument('[paths...]', 'files, folders, or - for standard input')
    .option(
      '-f, --format <format>',
      'output format: text (default), json, sarif, junit, markdown, html, policyreport; repeatable, one report each',
      collect,
    )
    .option(
      '-o, --output <file>',
      'write the report to a file instead of standard output; repeatable: the Nth --output takes the Nth --format',
      collect,
    )
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding is at or above this severity (critical, high, medium, low, info, never)',
    )
    .option(
      '--min-severity <severity>',
      'run only the rules of this severity or above (critical, high, medium, low, info)',
    )
    .option(
      '-c, --config <file>',
      'configuration file (default: .kubeward.yaml found upward from the working folder)',
    )
    .option('--no-config', 'ignore any .kubeward.yaml')
    .option(
      '--pss <level[:version]>',
      'Pod Security Standards level for pss-* rules, e.g. restricted, baseline:v1.30 (overrides namespace labels)',
    )
    .option('--helm-values <file>', 'values file for Helm charts (repeatable)', collect)
    .option('--helm-set <key=value>', 'a value for Helm charts, as helm --set (repeatable)', collect)
    .option(
      '--helm-namespace <namespace>',
      "the Helm release's namespace: objects a chart leaves without one are in it",
    )
    .option('--helm-release <name>', 'the Helm release name (default: kubeward-scan)')
    .option(
      '--framework <name>',
      'run the rules that cite cis, nsa, mitre or pss, and report the result per control',
    )
    .option('--only <rules>', 'run only these rules (comma-separated ids; repeatable)', collect)
    .option(
      '--enable <rules>',
      'also run these rules, opt-in ones included (comma-separated ids; repeatable)',
      collect,
    )
    .option('--disable <rules>', 'do not run these rules (comma-separated ids; repeatable)', collect)
    .option(
      '--baseline <file>',
      'findings accepted for now (a baseline file or a JSON report): reported as suppressed, only new ones fail',
    )
    .option('--write-baseline <file>', 'write the findings of this scan as a baseline file')
    .option('--strict', 'exit 2 when any input error occurred, even if other input was scanned')
    .option(
      '--workers <n>',
      'worker threads besides the main one (default: available cores - 1; 0: the main thread alone); the report is the same for every n',
    )
    .option(
      '-q, --quiet',
      'no progress line on stderr (it shows only on a terminal, for scans longer than a second)',
    )
    // history (src/history/): record this scan as a cycle
    .option('--record', 'record the findings as a cycle of the history (kubeward history)')
    .option(
      '--db <file|url>',
      'the history: an SQLite file (default .kubeward/history.db) or postgres://…; implies --record',
    )
    .option(
      '--scope <name>',
      'the history scope of the cycle (default: default for files, the context name for a cluster)',
    )
    .option('--report-max-results <n>', 'policyreport: results per report before it is split (default 1000)')
    // live clusters and snapshots (src/cli/commands/cluster.ts)
    .option('--cluster', "scan the kubeconfig's current context (read-only; Secret values are never read)")
    .option(
      '--context <name>',
      'scan this kubeconfig context (repeatable: one report section per cluster)',
      collect,
    )
    .option('--all-contexts', 'scan every context of the kubeconfig')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, else in-cluster)')
    .option('--namespace <namespace>', 'with --cluster: read namespaced objects of this namespace only')
    .option(
      '--secret-metadata',
      'with --cluster: also list Secrets, metadata only (see README: list secrets = read them)',
    )
    .option(
      '--snapshot <file>',
      'scan a snapshot file (kubeward snapshot) instead of files (repeatable)',
      collect,
    )
    .action(async (paths, opts) => {
      const { respawnForLargeInput } = await import('./respawn.js');
      const respawned = await respawnForLargeInput(paths);
      if (respawned !== undefined) {
        setExit(respawned);
        return;
      }
      const { runScan } = await import('./commands/scan.js');
      setExit(
        await runScan(
          paths,
          {
            formats: opts.format ?? [],
            outputs: opts.output ?? [],
            ...(opts.failOn !== undefined ? { failOn: opts.failOn } : {}),
            ...(opts.minSeverity !== undefined ? { minSeverity: opts.minSeverity } : {}),
            ...(opts.config !== undefined ? { config: opts.config } : {}),
            ...(opts.strict ? { strict: true } : {}),
            ...(opts.pss !== undefined ? { pss: opts.pss } : {}),
            ...(opts.helmValues ? { helmValues: opts.helmValues } : {}),
            ...(opts.helmSet ? { helmSet: opts.helmSet } : {}),
            ...(opts.helmNamespace !== undefined ? { helmNamespace: opts.helmNamespace } : {}),
            ...(opts.helmRelease !== undefined ? { helmRelease: opts.helmRelease } : {}),
            ...(opts.framework !== undefined ? { framework: opts.framework } : {}),
            ...(opts.only ? { only: opts.only } : {}),
            ...(opts.enable ? { enable: opts.enable } : {}),
            ...(opts.disable ? { disable: opts.disable } : {}),
            ...(opts.baseline !== undefined ? { baseline: opts.baseline } : {}),
            ...(opts.writeBaseline !== undefined ? { writeBaseline: opts.writeBaseline } : {}),
            ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
            ...(opts.quiet ? { quiet: true } : {}),
            ...(opts.record ? { record: true } : {}),
            ...(opts.db !== undefined ? { db: opts.db } : {}),
            ...(opts.scope !== undefined ? { scope: opts.scope } : {}),
            ...(opts.reportMaxResults !== undefined ? { reportMaxResults: opts.reportMaxResults } : {}),
            ...clusterInputOf(opts),
            ...(opts.allContexts ? { allContexts: true } : {}),
            ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
            ...(opts.secretMetadata ? { secretMetadata: true } : {}),
          },
          makeIo(colorOf()),
        ),
      );
    });

  // kubeward snapshot / rbac-for-scanner: live-cluster input (src/load/cluster/)
  program
    .command('snapshot')
    .description(
      'write what is read from clusters (Secrets: metadata only, with --secret-metadata) as a snapshot file every command takes as input',
    )
    .argument('[snapshots...]', 'snapshot files to merge into one (instead of reading clusters)')
    .option('--cluster', "read the kubeconfig's current context (the default)")
    .option('--context <name>', 'read this kubeconfig context (repeatable)', collect)
    .option('--all-contexts', 'read every context of the kubeconfig')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config, else in-cluster)')
    .option('--namespace <namespace>', 'read namespaced objects of this namespace only')
    .option('--secret-metadata', 'also list Secrets, metadata only (see README: list secrets = read them)')
    .option('-o, --output <file>', 'write the snapshot to a file (default: standard output)')
    .option('-q, --quiet', 'no progress line on stderr')
    .action(async (snapshots, opts) => {
      const { runSnapshot } = await import('./commands/snapshot.js');
      setExit(
        await runSnapshot(
          snapshots,
          {
            ...clusterInputOf(opts),
            ...(opts.allContexts ? { allContexts: true } : {}),
            ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
            ...(opts.secretMetadata ? { secretMetadata: true } : {}),
            ...(opts.output !== undefined ? { output: opts.output } : {}),
            ...(opts.quiet ? { quiet: true } : {}),
          },
          makeIo(colorOf()),
        ),
      );
    });
  program
    .command('rbac-for-scanner')
    .description(
      'print the read-only ServiceAccount, ClusterRole and ClusterRoleBinding that kubeward scan --cluster needs',
    )
    .option('--name <name>', 'name of the ServiceAccount, ClusterRole and binding', 'kubeward-scanner')
    .option('--namespace <namespace>', 'namespace of the ServiceAccount', 'kubeward')
    .option(
      '--secret-metadata',
      'also grant list on secrets (for --secret-metadata; that grants reading every value)',
    )
    .action(async (opts) => {
      const { runRbacForScanner } = await import('./commands/snapshot.js');
      setExit(
        await runRbacForScanner(
          {
            name: opts.name,
            namespace: opts.namespace,
            ...(opts.secretMetadata ? { secretMetadata: true } : {}),
          },
          makeIo(colorOf()),
        ),
      );
    });

  program
    .command('rules')
    .description('list the rules, or show one rule in full: what it detects, why it matters, how to fix it')
    .argument('[id]', 'a rule id')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .option('--framework <name>', 'list the controls of cis, nsa, mitre or pss and the rules that check each')
    .action(async (id, opts) => {
      const { runRules } = await import('./commands/rules.js');
      setExit(runRules(id, opts, makeIo(colorOf())));
    });

  const pss = program
    .command('pss')
    .description('Pod Security Standards, exactly as Pod Security Admission decides them');
  pss
    .command('plan')
    .description(
      'for every namespace: the strictest PSS level it can be labelled with today, and what blocks the next level',
    )
    .argument('[paths...]', 'files, folders, or - for standard input')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .option('--pss-version <version>', 'policy version to plan for (v1.N or latest)', 'latest')
    .option(
      '-c, --config <file>',
      'configuration file (default: .kubeward.yaml found upward from the working folder)',
    )
    .action(async (paths, opts) => {
      const { runPssPlan } = await import('./commands/pss.js');
      setExit(await runPssPlan(paths, opts, makeIo(colorOf())));
    });

  // kubeward vap test / kubeward export vap: policy as code (src/vap/, policy/exportVap.ts)
  const vap = program.command('vap').description('ValidatingAdmissionPolicy, offline: the verdicts the API server would give');
  vap
    .command('test')
    .description('evaluate ValidatingAdmissionPolicies and bindings against manifests, each object as the CREATE that applies it')
    .argument('[paths...]', 'manifest files, folders, or - for standard input')
    .option('--policies <dir>', 'the policies, bindings and parameter objects (a file or folder)')
    .option('-n, --default-namespace <namespace>', 'namespace of objects that name none', 'default')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (paths, opts) => {
      const { runVapTest } = await import('./commands/vap.js');
      setExit(
        await runVapTest(
          paths,
          { format: opts.format, defaultNamespace: opts.defaultNamespace, ...(opts.policies !== undefined ? { policies: opts.policies } : {}) },
          makeIo(colorOf()),
        ),
      );
    });

  program
    .command('export')
    .description('export kubeward rules for other enforcement points')
    .command('vap')
    .description('built-in rules as ValidatingAdmissionPolicies + a binding (PSS baseline and restricted, one policy per level)')
    .option('--rules <families>', 'rule families to export (pss)', 'pss')
    .option('--level <level>', 'the PSS level the binding enforces: baseline or restricted', 'restricted')
    .option('--action <action>', 'the binding\'s validationActions: Deny, Warn or Audit', 'Deny')
    .action(async (opts) => {
      const { runExportVap } = await import('./commands/vap.js');
      setExit(await runExportVap(opts, makeIo(colorOf())));
    });

  // kubeward rbac …: command-specific words first, then PATHS (DESIGN.md "Interfaces")
  const rbac = program
    .command('rbac')
    .description(
      'identity and RBAC with the API server semantics: permissions, who-can, access matrix, workload tokens, roles from audit logs',
    );
  const rbacFormat = (formats = 'text or json') =>
    new Option('-f, --format <format>', `output format: ${formats}`).default('text');
  const rbacConfig = () =>
    new Option('-c, --config <file>', 'configuration file (users and their groups: the `users` key)');
  const rbacNoConfig = () => new Option('--no-config', 'ignore any .kubeward.yaml');
  const rbacVersion = () =>
    new Option(
      '--kubernetes-version <version>',
      'Kubernetes version whose built-in resources apply (default 1.34)',
    );
  const rbacFlags = (o: {
    format: string;
    namespace?: string;
    name?: string;
    config?: string | boolean;
    kubernetesVersion?: string;
  }) => ({
    ...clusterInputOf(o),
    format: o.format,
    ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...(typeof o.config === 'string'
      ? { config: o.config }
      : o.config === false
        ? { config: false as const }
        : {}),
    ...(o.kubernetesVersion !== undefined ? { kubernetesVersion: o.kubernetesVersion } : {}),
  });
  rbac
    .command('can')
    .description(
      'what a subject (sa:<ns>:<name>, user:<name>, group:<name>) can do, with the bindings that grant it; with <verb> <resource>: yes (exit 0) or no (exit 1)',
    )
    .argument('<subject>', 'sa:<namespace>:<name>, user:<name> or group:<name>')
    .argument(
      '[args...]',
      '[<verb> <resource>[/<sub>]] then PATHS; the first word is a verb unless a file or folder of that name exists',
    )
    .addOption(rbacFormat())
    .option(
      '-n, --namespace <namespace>',
      'namespace of the request (none: cluster-wide); without a verb, list what holds in it',
    )
    .option('--name <name>', 'name of the object the request is on')
    .addOption(rbacConfig())
    .addOption(rbacNoConfig())
    .addOption(rbacVersion())
    .action(async (subject, args, opts) => {
      const { runRbacCan } = await import('./commands/rbac.js');
      setExit(await runRbacCan(subject, args, rbacFlags(opts), makeIo(colorOf())));
    });
  rbac
    .command('who-can')
    .description('every subject (groups included) that can make a request, and the workloads running as each')
    .argument('<verb>', 'get, list, create, impersonate, … or *')
    .argument('<resource>', 'pods, pods/exec, deployments.apps/scale, or a URL path (/metrics)')
    .argument('[paths...]', 'files, folders, or - for standard input')
    .addOption(rbacFormat())
    .option('-n, --namespace <namespace>', 'namespace of the request (none: cluster-wide)')
    .option('--name <name>', 'name of the object the request is on')
    .addOption(rbacConfig())
    .addOption(rbacNoConfig())
    .addOption(rbacVersion())
    .action(async (verb, resource, paths, opts) => {
      const { runRbacWhoCan } = await import('./commands/rbac.js');
      setExit(await runRbacWhoCan(verb, resource, paths, rbacFlags(opts), makeIo(colorOf())));
    });
  rbac
    .command('matrix')
    .description(
      'resources x verbs (get list watch create update patch delete) a subject may use: yes, no, or partial (some names)',
    )
    .argument('<subject>', 'sa:<namespace>:<name>, user:<name> or group:<name>')
    .argument('[paths...]', 'files, folders, or - for standard input')
    .addOption(rbacFormat())
    .option(
      '-n, --namespace <namespace>',
      'namespaced resources in this namespace (none: every resource, cluster-wide)',
    )
    .addOption(rbacConfig())
    .addOption(rbacNoConfig())
    .addOption(rbacVersion())
    .action(async (subject, paths, opts) => {
      const { runRbacMatrix } = await import('./commands/rbac.js');
      setExit(await runRbacMatrix(subject, paths, rbacFlags(opts), makeIo(colorOf())));
    });
  rbac
    .command('workloads')
    .description('per workload: its service account, whether the token is mounted, and what the token can do')
    .argument('[paths...]', 'files, folders, or - for standard input')
    .addOption(rbacFormat())
    .addOption(rbacConfig())
    .addOption(rbacNoConfig())
    .addOption(rbacVersion())
    .action(async (paths, opts) => {
      const { runRbacWorkloads } = await import('./commands/rbac.js');
      setExit(await runRbacWorkloads(paths, rbacFlags(opts), makeIo(colorOf())));
    });
  rbac
    .command('generate')
    .description(
      'least-privilege Roles, ClusterRoles and bindings that allow exactly the requests of an audit log',
    )
    .argument(
      '[paths...]',
      'optional manifests whose CustomResourceDefinitions give custom resources their scope',
    )
    .requiredOption(
      '--audit-log <file>',
      'audit.k8s.io/v1 events: JSON lines, a JSON array, or either gzipped',
    )
    .option('--subject <subject>', 'only the requests of sa:<ns>:<name>, user:<name> or group:<name>')
    .addOption(rbacFormat('yaml (default) or json'))
    .addOption(rbacConfig())
    .addOption(rbacNoConfig())
    .addOption(rbacVersion())
    .action(async (paths, opts) => {
      const { runRbacGenerate } = await import('./commands/rbac.js');
      setExit(
        await runRbacGenerate(
          paths,
          {
            ...rbacFlags(opts),
            auditLog: opts.auditLog,
            ...(opts.subject !== undefined ? { subject: opts.subject } : {}),
          },
          makeIo(colorOf()),
        ),
      );
    });
  rbac
    .command('unused')
    .description(
      'per subject of the input: permissions its bindings grant that no request of the audit log used',
    )
    .argument('[paths...]', 'files, folders, or - for standard input')
    .requiredOption(
      '--audit-log <file>',
      'audit.k8s.io/v1 events: JSON lines, a JSON array, or either gzipped',
    )
    .option('--subject <subject>', 'only this subject: sa:<ns>:<name>, user:<name> or group:<name>')
    .addOption(rbacFormat())
    .addOption(rbacConfig())
    .addOption(rbacNoConfig())
    .addOption(rbacVersion())
    .action(async (paths, opts) => {
      const { runRbacUnused } = await import('./commands/rbac.js');
      setExit(
        await runRbacUnused(
          paths,
          {
            ...rbacFlags(opts),
            auditLog: opts.auditLog,
            ...(opts.subject !== undefined ? { subject: opts.subject } : {}),
          },
          makeIo(colorOf()),
        ),
      );
    });

  const netpol = program
    .command('netpol')
    .description(
      'NetworkPolicy reachability: matrix, exposure, explain, diff, generate least-privilege policies',
    );
  const netpolConfig = '-c, --config <file>';
  const netpolConfigHelp =
    'configuration file (default: .kubeward.yaml found upward from the working folder)';
  netpol
    .command('matrix')
    .description('every allowed connection, as netpol-analyzer lists them: src => dst : conns')
    .argument('[paths...]', 'files, folders, or - for standard input')
    .option('-f, --format <format>', 'txt, csv, md, json, dot or html', 'txt')
    .option('--focus <workload>', 'only pairs with this workload (name or ns/name; repeatable)', collect)
    .option(
      '--focus-peer <workload>',
      'with --focus: only pairs whose other side is this one (repeatable)',
      collect,
    )
    .option('--focus-direction <direction>', 'with --focus: ingress (focus is the destination) or egress')
    .option('--focus-conn <port/proto>', 'only pairs allowing this connection, e.g. 53/UDP')
    .option(netpolConfig, netpolConfigHelp)
    .action(async (paths, opts) => {
      const { runNetpolMatrix } = await import('./commands/netpol.js');
      setExit(await runNetpolMatrix(paths, opts, makeIo(colorOf())));
    });
  netpol
    .command('exposure')
    .description(
      'per workload: exposure to the entire cluster, to external addresses and to whole namespaces; workloads not protected',
    )
    .argument('[paths...]', 'files, folders, or - for standard input')
    .option('-f, --format <format>', 'txt or json', 'txt')
    .option('--focus <workload>', 'only these workloads (name or ns/name; repeatable)', collect)
    .option('--focus-direction <direction>', 'only ingress or only egress')
    .option(netpolConfig, netpolConfigHelp)
    .action(async (paths, opts) => {
      const { runNetpolExposure } = await import('./commands/netpol.js');
      setExit(await runNetpolExposure(paths, opts, makeIo(colorOf())));
    });

  netpol
    .command('explain')
    .description(
      'why SRC can or cannot reach DST: per connection, the policy (file:line) and rule that decide it on each side',
    )
    .argument('<src>', 'source: a workload (name, ns/name or ns/name[Kind]) or an IP address')
    .argument('<dst>', 'destination: a workload or an IP address')
    .argument('[paths...]', 'files, folders, or - for standard input')
    .option('--port <port/proto>', 'only this connection, e.g. 8080/TCP')
    .option('-f, --format <format>', 'txt, analyzer (netpol-analyzer --explain layout) or json', 'txt')
    .option(netpolConfig, netpolConfigHelp)
    .action(async (src, dst, paths, opts) => {
      const { runNetpolExplain } = await import('./commands/netpol.js');
      setExit(await runNetpolExplain(src, dst, paths, opts, makeIo(colorOf())));
    });

  netpol
    .command('diff')
    .description('connections added, removed and changed between two versions of the manifests')
    .argument('<old>', 'the old version: a file, a folder, or - for standard input')
    .argument('<new>', 'the new version')
    .option('-f, --format <format>', 'txt, csv, md or json', 'txt')
    .option('--fail-on-new', 'exit 1 when the new version allows a connection the old one did not')
    .option(netpolConfig, netpolConfigHelp)
    .action(async (before, after, opts) => {
      const { runNetpolDiff } = await import('./commands/netpol.js');
      setExit(await runNetpolDiff(before, after, opts, makeIo(colorOf())));
    });

  netpol
    .command('generate')
    .description(
      'least-privilege NetworkPolicies (default-deny per namespace, one allow policy per workload, DNS kept), verified by the engine',
    )
    .argument('[paths...]', 'files, folders, or - for standard input')
    .option('--intent <file>', 'intended connections, one "allow: SRC -> DST:PORT/PROTO" per line')
    .option(
      '--flows <file>',
      'observed flows: JSON lines or CSV (src,dst,port,protocol), or Hubble flow JSON',
    )
    .option('-o, --output <file>', 'write the policies to a file instead of standard output')
    .option(netpolConfig, netpolConfigHelp)
    .action(async (paths, opts) => {
      const { runNetpolGenerate } = await import('./commands/netpol.js');
      setExit(await runNetpolGenerate(paths, opts, makeIo(colorOf())));
    });

  // kubeward paths / blast-radius / exposure: the attack graph (issue 13)
  const graphFlags = (o: { format: string; config?: string | boolean; kubernetesVersion?: string }) => ({
    ...clusterInputOf(o),
    format: o.format,
    ...(typeof o.config === 'string'
      ? { config: o.config }
      : o.config === false
        ? { config: false as const }
        : {}),
    ...(o.kubernetesVersion !== undefined ? { kubernetesVersion: o.kubernetesVersion } : {}),
  });
  program
    .command('paths')
    .description(
      'shortest attack paths from a workload or an entry point, each hop with technique, evidence and fix',
    )
    .argument('[paths...]', 'files, folders, or - for standard input')
    .requiredOption('--from <workload|entry>', 'ns/Kind/name, or ns/name when unique')
    .option('--to <asset>', 'only the path to this asset (ns/Kind/name, Kind/name, or ns/name)')
    .option('--max <n>', 'at most this many paths (default 10)')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-c, --config <file>', 'configuration file (default: .kubeward.yaml found upward)')
    .option('--no-config', 'ignore any .kubeward.yaml')
    .option(
      '--kubernetes-version <version>',
      'Kubernetes version whose built-in resources apply (default 1.34)',
    )
    .action(async (paths, opts) => {
      const { runPaths } = await import('./commands/graph.js');
      const flags = {
        ...graphFlags(opts),
        from: opts.from,
        ...(opts.to !== undefined ? { to: opts.to } : {}),
        ...(opts.max !== undefined ? { max: opts.max } : {}),
      };
      setExit(await runPaths(paths, flags, makeIo(colorOf())));
    });
  program
    .command('blast-radius')
    .description('every asset an attacker who compromises the workload can reach, by kind, with hop counts')
    .argument('<workload>', 'ns/Kind/name, or ns/name when unique')
    .argument('[paths...]', 'files, folders, or - for standard input')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-c, --config <file>', 'configuration file (default: .kubeward.yaml found upward)')
    .option('--no-config', 'ignore any .kubeward.yaml')
    .option(
      '--kubernetes-version <version>',
      'Kubernetes version whose built-in resources apply (default 1.34)',
    )
    .action(async (workload, paths, opts) => {
      const { runBlastRadius } = await import('./commands/graph.js');
      setExit(await runBlastRadius(workload, paths, graphFlags(opts), makeIo(colorOf())));
    });
  program
    .command('exposure')
    .description(
      'Attack Surface Exposure %, assume-breach exposure, paths to critical assets, top choke points',
    )
    .argument('[paths...]', 'files, folders, or - for standard input')
    .option(
      '--with <file>',
      'recompute with this fix or policy file applied, printing before and after (repeatable)',
      collect,
    )
    .option(
      '-f, --format <format>',
      'text, json or html (a self-contained page with the interactive attack graph)',
      'text',
    )
    .option('-c, --config <file>', 'configuration file (default: .kubeward.yaml found upward)')
    .option('--no-config', 'ignore any .kubeward.yaml')
    .option(
      '--kubernetes-version <version>',
      'Kubernetes version whose built-in resources apply (default 1.34)',
    )
    .action(async (paths, opts) => {
      const { runExposure } = await import('./commands/graph.js');
      setExit(
        await runExposure(
          paths,
          { ...graphFlags(opts), ...(opts.with !== undefined ? { with: opts.with } : {}) },
          makeIo(colorOf()),
        ),
      );
    });

  program
    .command('contain')
    .description(
      'a verified quarantine plan for a compromised workload: isolating NetworkPolicy, revoked bindings, token rotation, scale to zero',
    )
    .argument('<workload>', 'ns/Kind/name, or ns/name when unique')
    .argument('[paths...]', 'files, folders, or - for standard input')
    .option('-f, --format <format>', 'text or json', 'text')
    .option(
      '-o, --output-dir <dir>',
      'write quarantine.yaml (to apply) and quarantine.sh (the commands) here',
    )
    .option(
      '--scale-to-zero',
      'always stop the workload (default: only when isolation leaves something reachable)',
    )
    .option('--no-scale-to-zero', 'never stop it (the plan then says what stays reachable; exit 1)')
    .option('-c, --config <file>', 'configuration file (default: .kubeward.yaml found upward)')
    .option('--no-config', 'ignore any .kubeward.yaml')
    .option(
      '--kubernetes-version <version>',
      'Kubernetes version whose built-in resources apply (default 1.34)',
    )
    .action(async (workload, paths, opts) => {
      const { runContain } = await import('./commands/graph.js');
      const flags = {
        ...graphFlags(opts),
        ...(opts.scaleToZero !== undefined ? { scaleToZero: opts.scaleToZero } : {}),
        ...(opts.outputDir !== undefined ? { outputDir: opts.outputDir } : {}),
      };
      setExit(await runContain(workload, paths, flags, makeIo(colorOf())));
    });

  // History of scans and audit cycles (src/history/)
  program
    .command('history')
    .description(
      'new, resolved and still-open findings since a date, the trend per severity, and time to remediate per rule',
    )
    .option(
      '--since <date|age>',
      'from this date (2026-11-01, 2026-11-01T09:30Z) or age (7d, 12h); default: the latest cycle',
    )
    .option('--db <file|url>', 'the history: an SQLite file (default .kubeward/history.db) or postgres://…')
    .option('--scope <name>', 'the scope whose cycles to read (default: default)')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (opts) => {
      const { runHistory } = await import('./commands/history.js');
      setExit(await runHistory(opts, makeIo(colorOf())));
    });

  // Continuous audit of a live cluster (src/audit/)
  program
    .command('audit')
    .description(
      'audit a live cluster: one cycle, or with --watch continuously (informers, PolicyReports, Prometheus metrics, history)',
    )
    .option('--cluster', 'read the cluster of the current kubeconfig context (required)')
    .option('--watch', 'keep watching and re-evaluate what changes, until SIGTERM')
    .option(
      '--output-dir <dir>',
      'write the PolicyReports and ClusterPolicyReports there as YAML files (default: to the cluster)',
    )
    .option('--leader-elect', 'audit only while holding a coordination.k8s.io Lease (in-cluster replicas)')
    .option('--lease-name <name>', 'the Lease (default kubeward-audit)')
    .option(
      '--lease-namespace <namespace>',
      "the Lease's namespace (default: POD_NAMESPACE, or the context's)",
    )
    .option(
      '--interval <duration>',
      'with --watch: at most one cycle per interval, when something changed (default 30s)',
    )
    .option('--watch-seconds <n>', 'how long each watch request stays open (default 10)')
    .option('--metrics-port <port>', 'with --watch: serve Prometheus metrics on /metrics (and /healthz)')
    .option('--metrics-host <address>', 'address of the metrics server (default 0.0.0.0)')
    .option(
      '--kubeconfig <file>',
      'kubeconfig file (default: KUBECONFIG, ~/.kube/config, or the pod service account)',
    )
    .option('--context <name>', 'kubeconfig context (default: the current one)')
    .option('-n, --namespace <namespace>', 'audit namespaced objects of this namespace only')
    .option('--record', 'record every cycle in the history (kubeward history)')
    .option(
      '--db <file|url>',
      'the history: an SQLite file (default .kubeward/history.db) or postgres://…; implies --record',
    )
    .option('--scope <name>', 'the history scope of the cycles (default: the context name)')
    .option('--report-max-results <n>', 'results per PolicyReport before it is split (default 1000)')
    .option(
      '-c, --config <file>',
      'configuration file (default: .kubeward.yaml found upward from the working folder)',
    )
    .option('--no-config', 'ignore any .kubeward.yaml')
    .option('--pss <level[:version]>', 'Pod Security Standards level for pss-* rules, e.g. restricted')
    .option('--fail-on <severity>', 'without --watch: exit 1 when a finding is at or above this severity')
    .action(async (opts) => {
      const { runAudit } = await import('./commands/audit.js');
      setExit(await runAudit(opts, makeIo(colorOf())));
    });

  // kubeward fix: comment-preserving edits of the user's manifests (src/fix/, policy/fixCatalog.ts)
  program
    .command('fix')
    .description(
      'fix findings in your own manifests with minimal edits that keep comments and formatting; list them (default), --diff or --write',
    )
    .argument('[paths...]', 'files or folders')
    .option('--diff', 'print the edits as a unified diff')
    .option('--write', 'edit the files in place (each only if unchanged since the scan)')
    .option(
      '--rules <rules>',
      'fix only the findings of these rules (comma-separated ids; repeatable)',
      collect,
    )
    .option(
      '--digest <image=sha256:…>',
      'the digest to pin an image to (repeatable); never looked up or invented',
      collect,
    )
    .option('--digests <file>', 'digests to pin images to, one IMAGE=sha256:… per line')
    .option('--pss <level[:version]>', 'Pod Security Standards level for the pss-* findings, e.g. restricted')
    .option(
      '-c, --config <file>',
      'configuration file (default: .kubeward.yaml found upward from the working folder)',
    )
    .option('--no-config', 'ignore any .kubeward.yaml')
    .action(async (paths, opts) => {
      const { runFix } = await import('./commands/fix.js');
      setExit(
        await runFix(
          paths,
          {
            ...(opts.rules ? { rules: opts.rules } : {}),
            ...(opts.write ? { write: true } : {}),
            ...(opts.diff ? { diff: true } : {}),
            ...(opts.digest ? { digest: opts.digest } : {}),
            ...(opts.digests !== undefined ? { digests: opts.digests } : {}),
            ...(opts.pss !== undefined ? { pss: opts.pss } : {}),
            ...(typeof opts.config === 'string'
              ? { config: opts.config }
              : opts.config === false
                ? { config: false as const }
                : {}),
          },
          makeIo(colorOf()),
        ),
      );
    });

  // Admission webhook: serve, review, install (src/admission/)
  program
    .command('serve')
    .description('run the validating and mutating admission webhook over HTTPS')
    .requiredOption('--cert <file>', 'serving certificate (PEM); re-read when it changes')
    .requiredOption('--key <file>', 'private key of the certificate (PEM)')
    .option('--port <port>', 'port to listen on', '8443')
    .option('--host <address>', 'address to listen on (default 0.0.0.0)')
    .option('-c, --config <file>', 'server configuration: defaults, exemptions, failure modes, decision log')
    .option('--namespaces <file>', 'Namespace objects whose kubeward.io/* labels set the modes')
    .option('--cert-check-ms <ms>', 'how often the certificate files are checked for changes', '2000')
    .action(async (opts) => {
      const { runServe } = await import('./commands/serve.js');
      setExit(await runServe(opts, makeIo(colorOf())));
    });
  program
    .command('review')
    .description(
      'answer one AdmissionReview (JSON file, - for stdin) as the webhook would; exit 1 when denied',
    )
    .argument('<file>', 'an AdmissionReview JSON file, or -')
    .option('--mutate', 'answer as the mutating endpoint (prints the JSON patch)')
    .option('-c, --config <file>', 'server configuration')
    .option('--namespaces <file>', 'Namespace objects whose kubeward.io/* labels set the modes')
    .action(async (file, opts) => {
      const { runReview } = await import('./commands/review.js');
      setExit(await runReview(file, opts, makeIo(colorOf())));
    });
  program
    .command('install')
    .description(
      'print the webhook deployment: namespace, RBAC, Deployment, PDB, Service, certificates, webhook configurations',
    )
    .option('--namespace <namespace>', 'namespace to run in (default: kubeward; kubeward-audit with --audit)')
    .option('--replicas <n>', 'replicas (at least 2)', '3')
    .option('--cert-manager', 'issue the certificates with cert-manager instead of generating them now')
    .option('--image <image>', 'the kubeward image')
    .option('--failure-policy <policy>', 'failurePolicy of the validating webhook: Fail or Ignore', 'Fail')
    .option(
      '--audit',
      'print the in-cluster deployment of `audit --watch` instead (one replica, Lease, PolicyReports)',
    )
    .option('--db-secret <name>', "with --audit: a Secret whose `url` is the history's postgres:// URL")
    .option('--scope <name>', "with --audit: this cluster's history scope")
    .action(async (opts) => {
      const { runInstall } = await import('./commands/install.js');
      setExit(await runInstall(opts, makeIo(colorOf())));
    });
  // live clusters and snapshots as the input of the engine commands (src/cli/commands/cluster.ts)
  const engines: Record<string, readonly string[]> = {
    netpol: ['matrix', 'exposure', 'explain'],
    rbac: ['can', 'who-can', 'matrix', 'workloads', 'unused'],
  };
  for (const c of program.commands) {
    if (['paths', 'blast-radius', 'exposure', 'contain'].includes(c.name())) addClusterInput(c);
    for (const sub of c.commands) if (engines[c.name()]?.includes(sub.name())) addClusterInput(sub);
  }
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; commander already printed its message
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof InputError) {
      process.stderr.write(`kubeward: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(
      `kubeward: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 2;
  }
}

// A reader that stops early (`kubeward rules -f json | head`) closes the pipe: stop writing
// and end quietly, as Unix tools do, rather than die on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}
process.exitCode = await main(process.argv);
