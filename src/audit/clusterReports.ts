/**
 * The PolicyReports written to the cluster: each cycle's reports created or replaced (with
 * the resourceVersion read, so a concurrent writer makes a conflict, not a lost update), and
 * a report kubeward wrote before that this cycle no longer has (a namespace whose findings
 * went, a split report no longer needed) replaced by an empty one: the audit's role may
 * create and update reports, never delete them. Only reports labelled
 * `app.kubernetes.io/managed-by: kubeward` are touched: Kyverno's and Trivy's stay.
 */
import { MANAGED_BY_LABEL, POLICY_REPORT_API_VERSION, type PolicyReport } from '../report/policyReport.js';

export type ReportKind = PolicyReport['kind'];

export interface StoredReport {
  readonly kind: ReportKind;
  readonly namespace?: string;
  readonly name: string;
  readonly resourceVersion?: string;
}

/** What the writer needs of the API: the wgpolicyk8s.io reports kubeward manages. */
export interface ReportApi {
  list(kind: ReportKind): Promise<StoredReport[]>;
  create(report: PolicyReport): Promise<void>;
  replace(report: PolicyReport, resourceVersion: string | undefined): Promise<void>;
}

const id = (r: { kind: string; namespace?: string | undefined; name: string }): string =>
  `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;

/** Makes the cluster's kubeward reports these; returns what was done. */
export async function syncReports(
  api: ReportApi,
  reports: readonly PolicyReport[],
): Promise<{ created: number; replaced: number; emptied: number }> {
  const existing = new Map<string, StoredReport>();
  for (const kind of ['PolicyReport', 'ClusterPolicyReport'] as const)
    for (const r of await api.list(kind)) existing.set(id(r), r);
  let created = 0;
  let replaced = 0;
  for (const r of reports) {
    const key = id({ kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name });
    const old = existing.get(key);
    if (old === undefined) {
      await api.create(r);
      created++;
    } else {
      await api.replace(r, old.resourceVersion);
      replaced++;
      existing.delete(key);
    }
  }
  let emptied = 0;
  for (const stale of existing.values()) {
    await api.replace(
      {
        apiVersion: POLICY_REPORT_API_VERSION,
        kind: stale.kind,
        metadata: {
          name: stale.name,
          ...(stale.namespace !== undefined ? { namespace: stale.namespace } : {}),
          labels: { [MANAGED_BY_LABEL]: 'kubeward' },
        },
        summary: { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 },
        results: [],
      },
      stale.resourceVersion,
    );
    emptied++;
  }
  return { created, replaced, emptied };
}

const GROUP = POLICY_REPORT_API_VERSION.split('/')[0]!;
const VERSION = POLICY_REPORT_API_VERSION.split('/')[1]!;
const PLURAL: Record<ReportKind, string> = {
  PolicyReport: 'policyreports',
  ClusterPolicyReport: 'clusterpolicyreports',
};

interface ListedObject {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
}

/**
 * The ReportApi of a kubeconfig context, through client-node's CustomObjectsApi (loaded only
 * here). A resourceVersion on replace makes the API server refuse a stale write (409).
 */
export async function clientNodeReportApi(kubeconfig: string | undefined, context: string | undefined) {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  if (kubeconfig !== undefined) kc.loadFromFile(kubeconfig);
  else kc.loadFromDefault();
  if (context !== undefined) kc.setCurrentContext(context);
  const api = kc.makeApiClient(k8s.CustomObjectsApi);
  const base = { group: GROUP, version: VERSION };
  const body = (r: PolicyReport, resourceVersion?: string) => ({
    ...r,
    metadata: { ...r.metadata, ...(resourceVersion !== undefined ? { resourceVersion } : {}) },
  });
  const reportApi: ReportApi & { readonly namespace: string } = {
    namespace: kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default',
    list: async (kind) => {
      const labelSelector = `${MANAGED_BY_LABEL}=kubeward`;
      const answer = (await api.listClusterCustomObject({
        ...base,
        plural: PLURAL[kind],
        labelSelector,
      })) as {
        items?: ListedObject[];
      };
      return (answer.items ?? []).flatMap((o) =>
        o.metadata?.name !== undefined
          ? [
              {
                kind,
                name: o.metadata.name,
                ...(o.metadata.namespace !== undefined ? { namespace: o.metadata.namespace } : {}),
                ...(o.metadata.resourceVersion !== undefined
                  ? { resourceVersion: o.metadata.resourceVersion }
                  : {}),
              },
            ]
          : [],
      );
    },
    create: async (r) => {
      if (r.kind === 'PolicyReport')
        await api.createNamespacedCustomObject({
          ...base,
          plural: PLURAL[r.kind],
          namespace: r.metadata.namespace!,
          body: r,
        });
      else await api.createClusterCustomObject({ ...base, plural: PLURAL[r.kind], body: r });
    },
    replace: async (r, rv) => {
      const name = r.metadata.name;
      if (r.kind === 'PolicyReport')
        await api.replaceNamespacedCustomObject({
          ...base,
          plural: PLURAL[r.kind],
          namespace: r.metadata.namespace!,
          name,
          body: body(r, rv),
        });
      else await api.replaceClusterCustomObject({ ...base, plural: PLURAL[r.kind], name, body: body(r, rv) });
    },
  };
  return { reportApi, kc };
}
