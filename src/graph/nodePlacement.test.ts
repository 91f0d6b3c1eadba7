import { describe, expect, it } from 'vitest';
import { attackGraphOf, directHops } from '../../test/attackGraphInput.js';

/** A Pod in shop with `spec` (flow mapping body) and one container. */
const pod = (name: string, spec = '', container = '') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop}
spec: {${spec}${spec !== '' ? ', ' : ''}automountServiceAccountToken: false, containers: [{name: c, image: c${container !== '' ? `, ${container}` : ''}}]}
---
`;
const PRIVILEGED = 'securityContext: {privileged: true}';

describe('node placement', () => {
  it('a pod pinned to a node escapes to that node, which holds the pods that may run there', () => {
    const built = attackGraphOf(
      pod('esc', 'nodeName: n1', PRIVILEGED) +
        pod('same', 'nodeName: n1') +
        pod('other', 'nodeName: n2') +
        pod('free'),
    );
    expect(directHops(built, 'shop/Pod/esc')).toEqual([
      'CE_MODULE_LOAD → Node/n1',
      'CE_PRIV_MOUNT → Node/n1',
    ]);
    expect(directHops(built, 'Node/n1')).toEqual([
      'POD_ATTACH → shop/Pod/esc',
      'POD_ATTACH → shop/Pod/free',
      'POD_ATTACH → shop/Pod/same',
    ]);
    // The unconstrained pod may land on n1 or n2: its node meets every pod.
    expect(directHops(built, 'Node/*')).toEqual([
      'POD_ATTACH → shop/Pod/esc',
      'POD_ATTACH → shop/Pod/free',
      'POD_ATTACH → shop/Pod/other',
      'POD_ATTACH → shop/Pod/same',
    ]);
  });

  it('selectors requiring different values of one label never share a node; other selectors may', () => {
    const built = attackGraphOf(
      pod('ssd', 'nodeSelector: {disk: ssd}', PRIVILEGED) +
        pod('hdd', 'nodeSelector: {disk: hdd}') +
        pod('zone', 'nodeSelector: {zone: a}') +
        pod('pinned', 'nodeName: n1'),
    );
    expect(directHops(built, 'Node/[disk=ssd]')).toEqual([
      'POD_ATTACH → shop/Pod/pinned',
      'POD_ATTACH → shop/Pod/ssd',
      'POD_ATTACH → shop/Pod/zone',
    ]);
  });

  it('creating a pod reaches every node (it may name any)', () => {
    const built = attackGraphOf(
      pod('a', 'nodeName: n1') +
        `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admin}
subjects: [{kind: ServiceAccount, name: ops, namespace: shop}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
`,
    );
    expect(directHops(built, 'shop/ServiceAccount/ops').filter((h) => h.startsWith('POD_CREATE →'))).toEqual([
      'POD_CREATE → Node/*',
      'POD_CREATE → Node/n1',
    ]);
  });
});
