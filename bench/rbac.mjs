// Benchmark of the RBAC engine on a generated cluster: 20,000 Roles/ClusterRoles (some
// aggregated) and 50,000 bindings with group subjects. Measures building the index
// (defaults merged, aggregation computed), effective permissions for every service account,
// who-can queries once the index exists, single can-i questions, and the access matrix of
// one service account (in a namespace and cluster-wide). Run after `npm run build`:  node bench/rbac.mjs
// Prints one JSON line with the figures (ms, MiB) and a human summary.
// Targets (issue 11): whole pass under 5 s and 1 GiB; a who-can query under 100 ms after indexing.
import { buildRbacIndex } from '../dist/rbac/rbacIndex.js';
import { effectivePermissions } from '../dist/rbac/permissions.js';
import { whoCan } from '../dist/rbac/whoCan.js';
import { canI } from '../dist/rbac/authorizer.js';
import { accessMatrix } from '../dist/rbac/accessMatrix.js';

const NAMESPACES = 200;
const ROLES_PER_NS = 75; // 15,000 Roles
const CLUSTER_ROLES = 5_000; // 20,000 roles in all; 50 of them aggregated
const AGGREGATED = 50;
const ROLE_BINDINGS_PER_NS = 200; // 40,000 RoleBindings
const CLUSTER_ROLE_BINDINGS = 10_000; // 50,000 bindings in all
const SAS_PER_NS = 20; // 4,000 service accounts
const RBAC = 'rbac.authorization.k8s.io';

const VERBS = [['get', 'list', 'watch'], ['create', 'update', 'patch', 'delete'], ['*'], ['get']];
const RESOURCES = [
  ['pods', 'pods/log'],
  ['secrets'],
  ['configmaps', 'services'],
  ['deployments', 'deployments/scale'],
  ['pods/exec'],
  ['*'],
];
const GROUPS = [[''], [''], [''], ['apps'], [''], ['*']];

function rulesFor(i) {
  const out = [];
  for (let k = 0; k < 3; k++) {
    const j = (i + k) % RESOURCES.length;
    const rule = { verbs: VERBS[(i + k) % VERBS.length], apiGroups: GROUPS[j], resources: RESOURCES[j] };
    if ((i + k) % 7 === 0) rule.resourceNames = [`obj-${i % 13}`];
    out.push(rule);
  }
  return out;
}

function generate() {
  const ns = (n) => `ns-${n}`;
  const roles = [];
  for (let n = 0; n < NAMESPACES; n++) {
    for (let r = 0; r < ROLES_PER_NS; r++) {
      roles.push({
        metadata: { namespace: ns(n), name: `role-${r}` },
        rules: rulesFor(n * ROLES_PER_NS + r),
      });
    }
  }
  const clusterRoles = [];
  for (let c = 0; c < CLUSTER_ROLES; c++) {
    const labels = { [`bench.example.com/aggregate-to-${c % AGGREGATED}`]: 'true', team: `t${c % 40}` };
    if (c < AGGREGATED) {
      // chains: aggregate c also carries the label aggregate c+1 selects
      clusterRoles.push({
        metadata: {
          name: `agg-${c}`,
          labels: { [`bench.example.com/aggregate-to-${(c + 1) % AGGREGATED}`]: 'true' },
        },
        aggregationRule: {
          clusterRoleSelectors: [{ matchLabels: { [`bench.example.com/aggregate-to-${c}`]: 'true' } }],
        },
      });
    } else {
      clusterRoles.push({ metadata: { name: `cr-${c}`, labels }, rules: rulesFor(c) });
    }
  }
  const roleBindings = [];
  for (let n = 0; n < NAMESPACES; n++) {
    for (let b = 0; b < ROLE_BINDINGS_PER_NS; b++) {
      const toCluster = b % 4 === 0;
      const subjects =
        b % 3 === 0
          ? [{ kind: 'Group', apiGroup: RBAC, name: `team-${b % 40}` }]
          : b % 3 === 1
            ? [{ kind: 'ServiceAccount', name: `sa-${b % SAS_PER_NS}` }]
            : [
                { kind: 'Group', apiGroup: RBAC, name: `system:serviceaccounts:${ns((n + 1) % NAMESPACES)}` },
                { kind: 'User', apiGroup: RBAC, name: `user-${b}` },
              ];
      roleBindings.push({
        metadata: { namespace: ns(n), name: `rb-${b}` },
        roleRef: toCluster
          ? {
              apiGroup: RBAC,
              kind: 'ClusterRole',
              name:
                b % 8 === 0
                  ? `agg-${b % AGGREGATED}`
                  : `cr-${AGGREGATED + ((n * 31 + b) % (CLUSTER_ROLES - AGGREGATED))}`,
            }
          : { apiGroup: RBAC, kind: 'Role', name: `role-${b % ROLES_PER_NS}` },
        subjects,
      });
    }
  }
  const clusterRoleBindings = [];
  for (let c = 0; c < CLUSTER_ROLE_BINDINGS; c++) {
    const subjects =
      c % 2 === 0
        ? [{ kind: 'Group', apiGroup: RBAC, name: `team-${c % 40}` }]
        : [{ kind: 'ServiceAccount', namespace: ns(c % NAMESPACES), name: `sa-${c % SAS_PER_NS}` }];
    clusterRoleBindings.push({
      metadata: { name: `crb-${c}` },
      roleRef: {
        apiGroup: RBAC,
        kind: 'ClusterRole',
        name: `cr-${AGGREGATED + (c % (CLUSTER_ROLES - AGGREGATED))}`,
      },
      subjects,
    });
  }
  return { roles, clusterRoles, roleBindings, clusterRoleBindings };
}

const mib = (bytes) => Math.round(bytes / 1024 / 1024);
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

const input = generate();
sample();
const t0 = performance.now();
const index = buildRbacIndex(input);
const tIndex = performance.now();
sample();
const queries = [
  { verb: 'get', resource: 'secrets', namespace: 'ns-7', name: 'db' },
  { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'ns-99', name: 'api' },
  { verb: 'list', resource: 'secrets' },
  {
    verb: 'update',
    apiGroup: 'apps',
    resource: 'deployments',
    subresource: 'scale',
    namespace: 'ns-3',
    name: 'web',
  },
];
const whoCanMs = [];
let subjectsFound = 0;
// each query 5 times, right after indexing; the median of each counts
for (const q of queries) {
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    const found = whoCan(index, q).subjects.length;
    runs.push(performance.now() - start);
    if (r === 0) subjectsFound += found;
  }
  whoCanMs.push(runs.sort((x, y) => x - y)[2]);
}
sample();
const tPermsStart = performance.now();

let permissionCount = 0;
for (let n = 0; n < NAMESPACES; n++) {
  for (let s = 0; s < SAS_PER_NS; s++) {
    permissionCount += effectivePermissions(index, {
      kind: 'ServiceAccount',
      namespace: `ns-${n}`,
      name: `sa-${s}`,
    }).permissions.length;
  }
  if (n % 20 === 0) sample();
}
const tPerms = performance.now();
sample();

// `rbac can <sa> <verb> <resource>`: 10,000 single questions over the service accounts
const CAN_QUERIES = 10_000;
const tCan = performance.now();
let allowed = 0;
for (let i = 0; i < CAN_QUERIES; i++) {
  const q = queries[i % queries.length];
  const subject = { kind: 'ServiceAccount', namespace: `ns-${i % NAMESPACES}`, name: `sa-${i % SAS_PER_NS}` };
  if (
    canI(index, subject, { ...q, namespace: q.namespace === undefined ? undefined : `ns-${i % NAMESPACES}` })
      .allowed
  )
    allowed++;
}
const canMeanMs = (performance.now() - tCan) / CAN_QUERIES;

// `rbac matrix <sa> -n <ns>` and cluster-wide: median of 5 runs each
const matrixMs = [];
for (const namespace of ['ns-7', undefined]) {
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    accessMatrix(
      index,
      { kind: 'ServiceAccount', namespace: 'ns-7', name: 'sa-3' },
      namespace ? { namespace } : {},
    );
    runs.push(performance.now() - start);
  }
  matrixMs.push(runs.sort((x, y) => x - y)[2]);
}
sample();
sample();
const result = {
  roles: input.roles.length + input.clusterRoles.length,
  bindings: input.roleBindings.length + input.clusterRoleBindings.length,
  serviceAccounts: NAMESPACES * SAS_PER_NS,
  indexMs: Math.round(tIndex - t0),
  permissionsAllSasMs: Math.round(tPerms - tPermsStart),
  wholePassMs: Math.round(tIndex - t0 + (tPerms - tPermsStart)),
  whoCanMedianMaxMs: Math.round(Math.max(...whoCanMs) * 10) / 10,
  whoCanMeanMs: Math.round((whoCanMs.reduce((a, b) => a + b, 0) / whoCanMs.length) * 10) / 10,
  canMeanMs: Math.round(canMeanMs * 1000) / 1000,
  canAllowed: allowed,
  matrixNamespaceMs: Math.round(matrixMs[0] * 10) / 10,
  matrixClusterMs: Math.round(matrixMs[1] * 10) / 10,
  peakRssMiB: mib(peakRss),
  permissionCount,
  subjectsFound,
  errors: index.errors.length,
};
console.log(JSON.stringify(result));
console.log(
  `rbac: index ${result.indexMs} ms, effective permissions of ${result.serviceAccounts} SAs ${result.permissionsAllSasMs} ms ` +
    `(${permissionCount} permissions), who-can max ${result.whoCanMedianMaxMs} ms, can-i ${result.canMeanMs} ms each, ` +
    `matrix ${result.matrixNamespaceMs} ms (namespace) / ${result.matrixClusterMs} ms (cluster-wide), peak RSS ${result.peakRssMiB} MiB`,
);
