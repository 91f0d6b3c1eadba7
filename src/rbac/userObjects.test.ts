import { describe, expect, it } from 'vitest';
import type { Resource } from '../k8s/resource.js';
import { parseManifestText } from '../load/parse.js';
import { buildModelIndex } from '../model/build.js';
import { boundSubjects, isUserRbacObject } from './userObjects.js';

function resourcesOf(yaml: string): readonly Resource[] {
  const parsed = parseManifestText(yaml, 'test.yaml');
  expect(parsed.errors).toEqual([]);
  return parsed.resources;
}

function subjectsIn(yaml: string): string[] {
  const resources = resourcesOf(yaml);
  const model = buildModelIndex(resources);
  return resources.flatMap((r) =>
    [...boundSubjects(r, model)].map(
      ({ subject, roleRef, namespace }) =>
        `${subject.path.join('.')} ${subject.kind}/${subject.name} -> ${roleRef.kind}/${roleRef.name} in ${namespace ?? '(cluster)'}`,
    ),
  );
}

const binding = (kind: string, extra: string, roleRef = 'kind: ClusterRole\n  name: view') => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: b
${extra}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  ${roleRef}
subjects:
  - kind: User
    name: alice
  - name: no-kind
  - kind: ServiceAccount
    name: web
    namespace: shop
`;

describe('boundSubjects', () => {
  it('yields each well-formed subject of a RoleBinding with its role and the namespace the binding is in', () => {
    expect(subjectsIn(binding('RoleBinding', '  namespace: shop'))).toEqual([
      'subjects.0 User/alice -> ClusterRole/view in shop',
      'subjects.2 ServiceAccount/web -> ClusterRole/view in shop',
    ]);
  });

  it('puts a RoleBinding without a namespace in the default namespace, and a ClusterRoleBinding in none', () => {
    expect(subjectsIn(binding('RoleBinding', ''))[0]).toBe(
      'subjects.0 User/alice -> ClusterRole/view in default',
    );
    expect(subjectsIn(binding('ClusterRoleBinding', ''))[0]).toBe(
      'subjects.0 User/alice -> ClusterRole/view in (cluster)',
    );
  });

  it('yields nothing for a binding whose roleRef the API server rejects (a ClusterRoleBinding to a Role)', () => {
    expect(subjectsIn(binding('ClusterRoleBinding', '', 'kind: Role\n  name: reader'))).toEqual([]);
    expect(subjectsIn(binding('RoleBinding', '', 'kind: Role\n  name: reader'))).toHaveLength(2);
  });

  it('yields nothing for a bootstrap default binding, unless its autoupdate is switched off', () => {
    const labels = '  labels:\n    kubernetes.io/bootstrapping: rbac-defaults';
    expect(subjectsIn(binding('ClusterRoleBinding', labels))).toEqual([]);
    const owned = `${labels}\n  annotations:\n    rbac.authorization.kubernetes.io/autoupdate: "false"`;
    expect(subjectsIn(binding('ClusterRoleBinding', owned))).toHaveLength(2);
  });

  it('yields nothing for a kind of the same name served by another API', () => {
    const crd = binding('RoleBinding', '').replace('rbac.authorization.k8s.io/v1', 'example.com/v1');
    expect(resourcesOf(crd).map((r) => isUserRbacObject(r))).toEqual([false]);
    expect(subjectsIn(crd)).toEqual([]);
  });
});
