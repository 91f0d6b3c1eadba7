import { defineRule, type Report } from '../../types.js';
import { BINDING_KINDS, describeRoleRef } from '../../../rbac/rbacObjects.js';
import { boundSubjects } from '../../../rbac/userObjects.js';

/** The only role anonymous requests get by default: /healthz, /livez, /readyz, /version (RBAC doc, "API discovery roles"). */
const ANONYMOUS_SAFE_ROLE = 'system:public-info-viewer';

export const rbacAnonymous = defineRule({
  id: 'rbac-anonymous',
  title: 'Binding grants access to anonymous requests',
  category: 'rbac',
  severity: 'critical',
  description:
    'A RoleBinding or ClusterRoleBinding has a subject User `system:anonymous` or Group `system:unauthenticated` and a roleRef other than ' +
    '`system:public-info-viewer`. Reported at `subjects[i]`. Bootstrap bindings are not reported.',
  rationale:
    'Anonymous requests need no credentials at all: anyone who can reach the API server — from a compromised pod, or from the internet when ' +
    'the endpoint is public — gets the bound role. Whatever the role grants is granted to the whole network, hence critical.',
  remediation:
    'Remove the subject. Give the access to authenticated identities instead; if health checks need it, bind only `system:public-info-viewer`. ' +
    'Consider `--anonymous-auth=false` or an AuthenticationConfiguration that limits anonymous access to health endpoints.',
  references: {
    nsa: ['Authentication and authorization: Authentication'],
    mitre: ['T1133', 'T1078'],
    links: ['https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests'],
  },
  targets: [...BINDING_KINDS],
  *check({ resource, model }): Iterable<Report> {
    for (const { subject: s, roleRef: ref, namespace: ns } of boundSubjects(resource, model)) {
      if (ref.kind === 'ClusterRole' && ref.name === ANONYMOUS_SAFE_ROLE) return;
      const anonymous =
        (s.kind === 'User' && s.name === 'system:anonymous') ||
        (s.kind === 'Group' && s.name === 'system:unauthenticated');
      if (!anonymous) continue;
      yield {
        message: `binds ${s.kind} ${s.name} (every unauthenticated request) to ${describeRoleRef(ref, ns)}${ns !== undefined ? ` in namespace ${ns}` : ''}`,
        path: s.path,
      };
    }
  },
});
