/**
 * Which finding offers which fix: a table keyed by rule id, so the rules stay as they are and
 * `kubeward fix` has one place to read. Each entry turns a finding (and the object it is on)
 * into fix operations (src/fix/) or a suggestion with the reason it is not applied: anything
 * whose effect on the running application only the user can judge.
 */
import type { Workload } from '../k8s/inventory.js';
import { parseImageReference } from '../k8s/imageRef.js';
import type { Resource } from '../k8s/resource.js';
import { asRecord, asString } from '../k8s/shape.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import type { FixProposal } from '../fix/operations.js';
import {
  allowPrivilegeEscalationFix,
  dropAllFix,
  findingContainer,
  runAsNonRootFix,
  seccompFix,
  type HardeningContext,
} from './fixHardening.js';
import { serviceAccountBindings } from './rbacEngine.js';
import { podServiceAccount } from './rules/identity/podServiceAccount.js';
import { tokenMount } from './rules/identity/podServiceAccount.js';
import type { Finding } from './types.js';

export interface FixContext {
  readonly finding: Finding;
  readonly resource: Resource;
  readonly workload?: Workload;
  readonly model: ClusterModelIndex;
  /** Digests the user gave (`--digest IMAGE=sha256:…`), by image as written, without its tag, or by full name. */
  readonly digests: ReadonlyMap<string, string>;
}

type Offer = (ctx: FixContext) => FixProposal | undefined;

/** The comment every placeholder value carries. */
export const PLACEHOLDER_COMMENT = "placeholder (kubeward fix): tune to the workload's measured use";

function onWorkload(offer: (ctx: HardeningContext & FixContext) => FixProposal | undefined): Offer {
  return (ctx) => (ctx.workload !== undefined ? offer({ ...ctx, workload: ctx.workload }) : undefined);
}

function suggest(title: string, reason: string): Offer {
  return () => ({ kind: 'suggestion', title, reason });
}

/** Bindings of the input (not the defaults a real cluster has) that apply to the ServiceAccount. */
function inputBindings(model: ClusterModelIndex, namespace: string, name: string): string[] {
  return serviceAccountBindings(model, namespace, name)
    .filter((hit) => hit.binding.ref.source !== undefined)
    .map(
      (hit) =>
        `${hit.binding.ref.kind} ${hit.binding.ref.namespace !== undefined ? `${hit.binding.ref.namespace}/` : ''}${hit.binding.ref.name}`,
    );
}

const automountFix = onWorkload(({ workload, model }) => {
  const mount = tokenMount(workload, model);
  const sa = podServiceAccount(workload);
  const title = 'set automountServiceAccountToken: false in the pod spec';
  if (mount.decidedBy === 'pod')
    return { kind: 'suggestion', title, reason: 'the pod spec asks for the token (true) on purpose' };
  const bound = inputBindings(model, sa.namespace, sa.name);
  if (bound.length > 0)
    return {
      kind: 'suggestion',
      title,
      reason: `ServiceAccount ${sa.namespace}/${sa.name} is bound by ${bound.join(', ')}: the workload may call the API with its token`,
    };
  return { kind: 'edit', title, operations: [{ kind: 'set', path: mount.podPath, value: false }] };
});

const dedicatedServiceAccountFix = onWorkload(({ workload, model, resource }) => {
  const sa = podServiceAccount(workload);
  const name = resource.ref.name;
  const title = `run as a ServiceAccount of its own, ${sa.namespace}/${name}`;
  if (sa.field === 'serviceAccount')
    return {
      kind: 'suggestion',
      title,
      reason: 'the pod spec uses the deprecated serviceAccount field: replace it by serviceAccountName',
    };
  const bound = inputBindings(model, sa.namespace, sa.name);
  if (bound.length > 0)
    return {
      kind: 'suggestion',
      title,
      reason: `ServiceAccount ${sa.namespace}/${sa.name} is bound by ${bound.join(', ')}: bind what the workload needs of it to the new ServiceAccount first`,
    };
  const operations = [
    { kind: 'set' as const, path: [...workload.template.specPath, 'serviceAccountName'], value: name },
  ];
  if (model.serviceAccount(sa.namespace, name) !== undefined) return { kind: 'edit', title, operations };
  const namespace = asString(asRecord(resource.object.metadata)?.namespace);
  return {
    kind: 'edit',
    title: `${title} (a new ServiceAccount document, automountServiceAccountToken: false)`,
    operations,
    newDocuments: [
      {
        key: `ServiceAccount/${sa.namespace}/${name}`,
        value: {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
          automountServiceAccountToken: false,
        },
      },
    ],
  };
});

const limitsFix = onWorkload((ctx) => {
  const c = findingContainer(ctx);
  if (c === undefined) return undefined;
  const resources = asRecord(c.ref.container.resources);
  const memoryRequest = asRecord(resources?.requests)?.memory;
  const forMemory = ctx.finding.pathSegments.at(-1) === 'memory';
  const path = [...c.ref.path, 'resources', ...(forMemory ? ['limits', 'memory'] : ['requests', 'cpu'])];
  // a limit below the request is rejected by the API server: start from the request
  const value = forMemory ? (typeof memoryRequest === 'string' ? memoryRequest : '512Mi') : '100m';
  return {
    kind: 'edit',
    title: `set a placeholder ${forMemory ? 'memory limit' : 'CPU request'} of ${value} on container "${c.ref.name}"`,
    operations: [{ kind: 'set', path, value, comment: PLACEHOLDER_COMMENT }],
  };
});

const requestsFix = onWorkload((ctx) => {
  const c = findingContainer(ctx);
  if (c === undefined) return undefined;
  const resources = asRecord(c.ref.container.resources);
  const requests = asRecord(resources?.requests);
  const limits = asRecord(resources?.limits);
  const placeholders = { cpu: '100m', memory: '128Mi' } as const;
  const missing = (['cpu', 'memory'] as const).filter(
    (r) => requests?.[r] === undefined && limits?.[r] === undefined,
  );
  if (missing.length === 0) return undefined;
  return {
    kind: 'edit',
    title: `set placeholder ${missing.map((r) => `${r} ${placeholders[r]}`).join(' and ')} requests on container "${c.ref.name}"`,
    operations: missing.map((r) => ({
      kind: 'set' as const,
      path: [...c.ref.path, 'resources', 'requests', r],
      value: placeholders[r],
      comment: PLACEHOLDER_COMMENT,
    })),
  };
});

/** The digest the user gave for an image, or undefined: kubeward never looks one up, let alone invents one. */
function digestFor(raw: string, digests: ReadonlyMap<string, string>): string | undefined {
  const parsed = parseImageReference(raw);
  if (!parsed.ok) return undefined;
  const untagged =
    parsed.image.tag !== undefined ? raw.slice(0, raw.length - parsed.image.tag.length - 1) : raw;
  return digests.get(raw) ?? digests.get(untagged) ?? digests.get(parsed.image.name);
}

const digestFix = onWorkload((ctx) => {
  const c = findingContainer(ctx) ?? undefined;
  const container = c?.ref ?? ctx.workload.containers.find((r) => r.name === ctx.finding.container);
  if (container === undefined) return undefined;
  const raw = asString(container.container.image);
  if (raw === undefined) return undefined;
  const title = `pin image "${raw}" of container "${container.name}" by digest`;
  const digest = digestFor(raw, ctx.digests);
  if (digest === undefined)
    return {
      kind: 'suggestion',
      title,
      reason: `no digest given for it: pass --digest ${raw}=sha256:… (\`crane digest ${raw}\` prints it); kubeward never invents one`,
    };
  return {
    kind: 'edit',
    title,
    operations: [{ kind: 'set', path: [...container.path, 'image'], value: `${raw}@${digest}` }],
  };
});

const networkPoliciesFix: Offer = ({ finding, model }) => {
  const namespace =
    finding.resource.kind === 'Namespace' ? finding.resource.name : model.namespaceOf(finding.resource);
  if (namespace === undefined) return undefined;
  return {
    kind: 'network-policies',
    title: `add NetworkPolicies for namespace ${namespace}: default-deny, and allow policies for the connections the manifests name (kubeward netpol generate)`,
    namespace,
  };
};

const HOST_ACCESS =
  'the workload uses the host (its network, processes, files or the container runtime) by design, it seems: removing that changes what it can do';

/** Rule id → the fix its findings offer. */
export const FIX_CATALOG: Readonly<Record<string, Offer>> = {
  'allow-privilege-escalation': onWorkload(allowPrivilegeEscalationFix),
  'pss-allow-privilege-escalation': onWorkload(allowPrivilegeEscalationFix),
  'caps-not-drop-all': onWorkload(dropAllFix),
  'net-raw-not-dropped': onWorkload(dropAllFix),
  'pss-capabilities-restricted': onWorkload(dropAllFix),
  'seccomp-not-set': onWorkload(seccompFix),
  'pss-seccomp': onWorkload(seccompFix),
  'run-as-non-root': onWorkload(runAsNonRootFix),
  'pss-run-as-non-root': onWorkload(runAsNonRootFix),
  'pss-run-as-user': suggest(
    'choose a non-zero runAsUser',
    'which UID the image works as is yours to choose',
  ),
  'run-as-uid-0': suggest('choose a non-zero runAsUser', 'which UID the image works as is yours to choose'),
  'read-only-root-fs': suggest(
    'set readOnlyRootFilesystem: true',
    'the application may write to its root filesystem: mount an emptyDir at each path it writes, then set it',
  ),
  'sa-token-automount': automountFix,
  'default-sa-used': dedicatedServiceAccountFix,
  'limits-missing': limitsFix,
  'requests-missing': requestsFix,
  'image-no-digest': digestFix,
  'image-latest-or-untagged': digestFix,
  'pod-not-isolated': networkPoliciesFix,
  'namespace-no-netpol': networkPoliciesFix,
  'no-default-deny': networkPoliciesFix,
  'privileged-container': suggest(
    'remove privileged: true',
    'the container may need the privileges it asks for',
  ),
  'pss-privileged': suggest('remove privileged: true', 'the container may need the privileges it asks for'),
  'cap-sys-admin': suggest('remove SYS_ADMIN from capabilities.add', 'the process may use what it adds'),
  'caps-dangerous-add': suggest(
    'remove the capability from capabilities.add',
    'the process may use what it adds',
  ),
  'pss-capabilities': suggest(
    'remove the capability from capabilities.add',
    'the process may use what it adds',
  ),
  'host-network': suggest('remove hostNetwork: true', HOST_ACCESS),
  'host-pid': suggest('remove hostPID: true', HOST_ACCESS),
  'host-ipc': suggest('remove hostIPC: true', HOST_ACCESS),
  'pss-host-namespaces': suggest('remove hostNetwork, hostPID and hostIPC', HOST_ACCESS),
  'hostpath-volume': suggest('replace the hostPath volume', HOST_ACCESS),
  'hostpath-sensitive': suggest('replace the hostPath volume', HOST_ACCESS),
  'hostpath-writable': suggest('mount the hostPath volume readOnly', HOST_ACCESS),
  'runtime-socket-mount': suggest('remove the container runtime socket mount', HOST_ACCESS),
  'pss-host-path-volumes': suggest('replace the hostPath volume', HOST_ACCESS),
  'pss-restricted-volumes': suggest('replace the volume with one restricted allows', HOST_ACCESS),
};

/** What a finding offers; undefined for rules with no fix of either kind. */
export function fixFor(ctx: FixContext): FixProposal | undefined {
  return FIX_CATALOG[ctx.finding.ruleId]?.(ctx);
}
