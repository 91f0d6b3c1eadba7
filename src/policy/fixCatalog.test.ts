import { describe, expect, it } from 'vitest';
import { Inventory } from '../k8s/inventory.js';
import { sourceKey } from '../k8s/resource.js';
import { parseManifestText } from '../load/parse.js';
import type { FixProposal } from '../fix/operations.js';
import { DEFAULT_CONFIG } from './config.js';
import { evaluate } from './evaluate.js';
import { buildModelIndex } from '../model/build.js';
import { FIX_CATALOG, fixFor } from './fixCatalog.js';
import { BUILTIN_RULE_IDS, ruleById } from './registry.js';

/** What each finding of rule `id` on the manifests offers, in finding order. */
function offers(id: string, text: string, digests: Record<string, string> = {}): FixProposal[] {
  const { resources } = parseManifestText(text, 'm.yaml');
  const inventory = new Inventory(resources);
  const model = buildModelIndex(resources, {});
  const { findings } = evaluate(inventory, {
    rules: [ruleById(id)!],
    config: { ...DEFAULT_CONFIG, rules: { [id]: { enabled: true } } },
    settings: {
      trustedRegistries: [],
      pss: { level: 'restricted', version: 'latest', explicit: true, checkUnlabelled: true },
    },
    now: new Date('2026-01-01'),
    model,
  });
  return findings.map((finding) => {
    const resource = resources.find((r) => sourceKey(r.source) === sourceKey(finding.source))!;
    const workload = inventory.workloadOf(resource);
    return fixFor({
      finding,
      resource,
      ...(workload ? { workload } : {}),
      model,
      digests: new Map(Object.entries(digests)),
    })!;
  });
}

const pod = (spec: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\nspec:\n${spec}`;

const TWO_CONTAINERS = pod(`  containers:
    - name: tool
      image: tool:1
      securityContext: {privileged: true}
    - name: app
      image: app:1
`);

describe('FIX_CATALOG', () => {
  it('names built-in rules only', () => {
    expect(Object.keys(FIX_CATALOG).filter((id) => !BUILTIN_RULE_IDS.has(id))).toEqual([]);
  });

  it('seccomp: a privileged container gets a suggestion, its neighbour the profile at container level', () => {
    expect(offers('seccomp-not-set', TWO_CONTAINERS)).toEqual([
      {
        kind: 'suggestion',
        title: 'set seccompProfile: {type: RuntimeDefault} on container "tool"',
        reason:
          'it is privileged: hardening it would be rejected or break it; decide first whether it needs those privileges',
      },
      {
        kind: 'edit',
        title: 'set seccompProfile: {type: RuntimeDefault} on container "app"',
        operations: [
          {
            kind: 'set',
            path: ['spec', 'containers', 1, 'securityContext', 'seccompProfile', 'type'],
            value: 'RuntimeDefault',
          },
        ],
      },
    ]);
  });

  it('runAsNonRoot goes on the pod when every container can take it, else on the container', () => {
    const single = pod('  containers:\n    - name: app\n      image: app:1\n');
    expect(offers('pss-run-as-non-root', single).map((o) => (o.kind === 'edit' ? o.operations : o))).toEqual([
      [{ kind: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true }],
    ]);
    const rootSidecar = pod(`  containers:
    - name: app
      image: app:1
    - name: side
      image: side:1
      securityContext: {runAsUser: 0}
`);
    expect(offers('pss-run-as-non-root', rootSidecar)).toEqual([
      {
        kind: 'edit',
        title: 'set runAsNonRoot: true on container "app"',
        operations: [
          { kind: 'set', path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], value: true },
        ],
      },
      {
        kind: 'suggestion',
        title: 'choose a non-zero runAsUser for container "side"',
        reason:
          'runAsUser is 0 (container level): which UID the image works as is yours to choose, and runAsNonRoot: true beside runAsUser: 0 stops the kubelet from starting it',
      },
    ]);
  });

  it('capabilities beyond NET_BIND_SERVICE at restricted are a suggestion, never dropped silently', () => {
    const adds = pod(`  containers:
    - name: app
      image: app:1
      securityContext: {capabilities: {add: [NET_ADMIN], drop: [ALL]}}
`);
    expect(offers('pss-capabilities-restricted', adds)).toEqual([
      {
        kind: 'suggestion',
        title: 'remove NET_ADMIN from capabilities.add of container "app"',
        reason: 'restricted allows adding only NET_BIND_SERVICE, and the process may use what it adds',
      },
    ]);
  });

  it('automountServiceAccountToken: false only when no binding of the input gives the token a use', () => {
    const plain = pod('  containers:\n    - name: app\n      image: app:1\n');
    expect(offers('sa-token-automount', plain)).toEqual([
      {
        kind: 'edit',
        title: 'set automountServiceAccountToken: false in the pod spec',
        operations: [{ kind: 'set', path: ['spec', 'automountServiceAccountToken'], value: false }],
      },
    ]);
    const bound = `${plain}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: ns}
subjects: [{kind: ServiceAccount, name: default, namespace: ns}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
`;
    expect(offers('sa-token-automount', bound)).toEqual([
      {
        kind: 'suggestion',
        title: 'set automountServiceAccountToken: false in the pod spec',
        reason:
          'ServiceAccount ns/default is bound by RoleBinding ns/reader: the workload may call the API with its token',
      },
    ]);
  });

  it('the dedicated ServiceAccount is a new document named after the workload, token off', () => {
    const [offer] = offers('default-sa-used', pod('  containers:\n    - name: app\n      image: app:1\n'));
    expect(offer).toEqual({
      kind: 'edit',
      title:
        'run as a ServiceAccount of its own, ns/p (a new ServiceAccount document, automountServiceAccountToken: false)',
      operations: [{ kind: 'set', path: ['spec', 'serviceAccountName'], value: 'p' }],
      newDocuments: [
        {
          key: 'ServiceAccount/ns/p',
          value: {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'p', namespace: 'ns' },
            automountServiceAccountToken: false,
          },
        },
      ],
    });
  });

  it('a digest is used only when given: by the image as written, without its tag, or by full name', () => {
    const text = pod('  containers:\n    - name: app\n      image: nginx:1.27\n');
    const digest = `sha256:${'0'.repeat(64)}`;
    expect(offers('image-no-digest', text)[0]!.kind).toBe('suggestion');
    for (const key of ['nginx:1.27', 'nginx', 'docker.io/library/nginx']) {
      expect(offers('image-no-digest', text, { [key]: digest })).toEqual([
        {
          kind: 'edit',
          title: 'pin image "nginx:1.27" of container "app" by digest',
          operations: [
            { kind: 'set', path: ['spec', 'containers', 0, 'image'], value: `nginx:1.27@${digest}` },
          ],
        },
      ]);
    }
  });
});
