import { asArray, asString } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';

export const sccPrivileged = defineRule({
  id: 'scc-privileged',
  title: 'OpenShift SecurityContextConstraints allows privileged containers',
  category: 'pod-security',
  severity: 'high',
  description:
    'An OpenShift `SecurityContextConstraints` (security.openshift.io/v1) sets `allowPrivilegedContainer: true`. The message names the `users` and `groups` ' +
    'the SCC lists directly; subjects granted `use` on it through RBAC are not resolved here.',
  rationale:
    'The SCC decides what pods its users may create. Allowing privileged containers lets every user, group or service account that can use it run a ' +
    'privileged pod — a root shell on any node it schedules to, and with it every secret on that node. High: a standing grant of node takeover, ' +
    'critical as soon as a broad group (system:authenticated, system:serviceaccounts) can use it.',
  remediation:
    'Set `allowPrivilegedContainer: false`, or keep the built-in `privileged` SCC for cluster components only and bind workloads to `restricted-v2`.',
  references: {
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1610', 'T1611'],
    links: [
      'https://docs.openshift.com/container-platform/latest/authentication/managing-security-context-constraints.html',
    ],
  },
  targets: ['SecurityContextConstraints'],
  *check({ resource }): Iterable<Report> {
    if (resource.object.allowPrivilegedContainer !== true) return;
    const subjects = [...asArray(resource.object.users), ...asArray(resource.object.groups)]
      .map(asString)
      .filter((s): s is string => s !== undefined);
    const who = subjects.length > 0 ? `; usable by ${subjects.join(', ')}` : '';
    yield {
      message: `SecurityContextConstraints "${resource.ref.name}" allows privileged containers (allowPrivilegedContainer: true)${who}`,
      path: ['allowPrivilegedContainer'],
    };
  },
});
