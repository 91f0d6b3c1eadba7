/**
 * Small inputs for the graph rules' tests: a Deployment in `shop` with a pod spec (YAML flow
 * mapping body), a LoadBalancer Service in front of it, and RBAC for its ServiceAccount.
 */
export const deployment = (name: string, spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {${spec}}
---
`;

export const loadBalancer = (name: string): string => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec: {type: LoadBalancer, selector: {app: ${name}}, ports: [{port: 80}]}
---
`;

/** A ClusterRole with `rules` bound cluster-wide (`cluster`) or in shop to ServiceAccount shop/`sa`. */
export const grant = (
  sa: string,
  rules: string,
  cluster = true,
): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${sa}-role}
rules: ${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${cluster ? 'ClusterRoleBinding' : 'RoleBinding'}
metadata: {name: ${sa}-binding${cluster ? '' : ', namespace: shop'}}
subjects: [{kind: ServiceAccount, name: ${sa}, namespace: shop}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${sa}-role}
---
`;

export const NETPOL_DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
`;
