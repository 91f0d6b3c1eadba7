/**
 * One case per technique, both ways: a minimal input where the edge must exist, and a near miss
 * where it must not. Each case names the vertex the hops leave and the exact hop expected (or
 * refused) among `directHops`.
 */
import { describe, expect, it } from 'vitest';
import { attackGraphOf, directHops } from '../../test/attackGraphInput.js';
import { parseManifestText } from '../load/parse.js';
import { buildClusterModel } from '../model/build.js';
import { buildAttackGraph } from './build.js';

const ns = (name: string, labels = '') => `apiVersion: v1
kind: Namespace
metadata: {name: ${name}${labels !== '' ? `, labels: {${labels}}` : ''}}
---
`;

/** A Deployment in `shop` whose pod spec is `spec` (YAML flow mapping body). */
const deploy = (name: string, spec: string, labels = `app: ${name}`) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {${labels}}}
  template:
    metadata: {labels: {${labels}}}
    spec: {${spec}}
---
`;
const web = (container = '', pod = '') =>
  deploy(
    'web',
    `${pod}${pod !== '' ? ', ' : ''}containers: [{name: web, image: web:1${container !== '' ? `, ${container}` : ''}}]`,
  );

const role = (
  kind: 'Role' | 'ClusterRole',
  name: string,
  rules: string,
) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${kind === 'Role' ? ', namespace: shop' : ''}}
rules: ${rules}
---
`;
const binding = (
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  roleKind: string,
  roleName: string,
  sa = 'app',
) =>
  `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: b-${roleName}${kind === 'RoleBinding' ? ', namespace: shop' : ''}}
subjects: [{kind: ServiceAccount, name: ${sa}, namespace: shop}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${roleName}}
---
`;
/** A Role in shop with `rules`, bound to shop/app. */
const granted = (rules: string) => role('Role', 'r', rules) + binding('RoleBinding', 'Role', 'r');
/** A ClusterRole with `rules`, bound cluster-wide to shop/app. */
const grantedEverywhere = (rules: string) =>
  role('ClusterRole', 'cr', rules) + binding('ClusterRoleBinding', 'ClusterRole', 'cr');
const withSecret = deploy(
  'db',
  `containers: [{name: db, image: db:1, env: [{name: P, valueFrom: {secretKeyRef: {name: pw, key: p}}}]}]`,
);
const SA = 'shop/ServiceAccount/app';
/** A Deployment `web` running as shop/app whose one container mounts the hostPath `path` (`mount`: extra mount fields, `sc`: its securityContext). */
const hostMount = (path: string, mount = '', sc = '', pod = '') =>
  deploy(
    'web',
    `${pod}serviceAccountName: app, containers: [{name: web, image: web:1, volumeMounts: [{name: h, mountPath: /h${mount}}]${sc !== '' ? `, securityContext: {${sc}}` : ''}}], volumes: [{name: h, hostPath: {path: ${path}}}]`,
  );
const podLogs = granted(`[{apiGroups: [""], resources: [pods/log], verbs: [get]}]`);
/** A second workload, `db` running as shop/db, with `spec` before its containers. */
const db = (spec = '') =>
  deploy('db', `${spec}serviceAccountName: db, containers: [{name: db, image: db:1}]`);

interface Case {
  readonly name: string;
  readonly yaml: string;
  readonly from: string;
  readonly hop: string;
}

const present: Case[] = [
  {
    name: 'ENDPOINT_EXPLOIT: a LoadBalancer Service exposes the pods it selects',
    yaml:
      web() +
      `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}\n`,
    from: 'shop/Service/web',
    hop: 'ENDPOINT_EXPLOIT → shop/Deployment/web',
  },
  {
    name: 'ENDPOINT_EXPLOIT: an Ingress exposes the pods behind its backend Service',
    yaml:
      web() +
      `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n` +
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: in, namespace: shop}\nspec: {defaultBackend: {service: {name: web, port: {number: 80}}}}\n`,
    from: 'shop/Ingress/in',
    hop: 'ENDPOINT_EXPLOIT → shop/Deployment/web',
  },
  {
    name: 'ENDPOINT_EXPLOIT: a hostPort is reachable on the node address',
    yaml: web('ports: [{containerPort: 80, hostPort: 8080}]'),
    from: 'shop/HostPort/web',
    hop: 'ENDPOINT_EXPLOIT → shop/Deployment/web',
  },
  {
    name: 'ENDPOINT_EXPLOIT: an HTTPRoute attached to a Gateway',
    yaml:
      web() +
      `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n` +
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: shop}\nspec: {parentRefs: [{name: gw}], rules: [{backendRefs: [{name: web, port: 80}]}]}\n`,
    from: 'shop/HTTPRoute/r',
    hop: 'ENDPOINT_EXPLOIT → shop/Deployment/web',
  },
  {
    name: 'IDENTITY_ASSUME: the token is mounted by default',
    yaml: web(),
    from: 'shop/Deployment/web',
    hop: 'IDENTITY_ASSUME → shop/ServiceAccount/default',
  },
  {
    name: 'TOKEN_STEAL: the node holds the tokens of its pods',
    yaml: web(),
    from: 'Node/*',
    hop: 'TOKEN_STEAL → shop/ServiceAccount/default',
  },
  {
    name: 'POD_ATTACH: the node controls its pods',
    yaml: web(),
    from: 'Node/*',
    hop: 'POD_ATTACH → shop/Deployment/web',
  },
  {
    name: 'SECRET_READ: get secrets in the namespace reads its Secrets',
    yaml: withSecret + granted(`[{apiGroups: [""], resources: [secrets], verbs: [get]}]`),
    from: SA,
    hop: 'SECRET_READ → shop/Secret/pw',
  },
  {
    name: 'SECRET_READ: resourceNames limit the read to the Secrets named',
    yaml:
      withSecret + granted(`[{apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [other]}]`),
    from: SA,
    hop: 'SECRET_READ → shop/Secret/other',
  },
  {
    name: 'SECRET_READ: a ClusterRoleBinding with resourceNames reads that Secret in every namespace',
    yaml:
      withSecret +
      grantedEverywhere(`[{apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [pw]}]`),
    from: SA,
    hop: 'SECRET_READ → shop/Secret/pw',
  },
  {
    name: 'SECRET_READ: a workload holds the Secrets in its env',
    yaml: withSecret,
    from: 'shop/Deployment/db',
    hop: 'SECRET_READ → shop/Secret/pw',
  },
  {
    name: 'TOKEN_LIST: list secrets returns their values',
    yaml: withSecret + granted(`[{apiGroups: [""], resources: [secrets], verbs: [list]}]`),
    from: SA,
    hop: 'TOKEN_LIST → shop/Secret/pw',
  },
  {
    name: 'TOKEN_BRUTEFORCE: get secrets in the namespace reaches its ServiceAccounts (legacy token Secrets)',
    yaml: web() + granted(`[{apiGroups: [""], resources: [secrets], verbs: [get]}]`),
    from: SA,
    hop: 'TOKEN_BRUTEFORCE → shop/ServiceAccount/default',
  },
  {
    name: 'TOKEN_BRUTEFORCE: a cluster-wide get secrets reaches the ServiceAccounts of every namespace',
    yaml:
      deploy('other', 'containers: [{name: o, image: o}]').replace('namespace: shop', 'namespace: other') +
      grantedEverywhere(`[{apiGroups: ["*"], resources: ["*"], verbs: [get]}]`),
    from: SA,
    hop: 'TOKEN_BRUTEFORCE → other/ServiceAccount/default',
  },
  {
    name: 'VOLUME_ACCESS: a Secret volume is readable in the pod',
    yaml: deploy(
      'db',
      `containers: [{name: db, image: db:1}], volumes: [{name: s, secret: {secretName: pw}}]`,
    ),
    from: 'shop/Deployment/db',
    hop: 'VOLUME_ACCESS → shop/Secret/pw',
  },
  {
    name: 'POD_EXEC: create pods/exec reaches the pods of the namespace',
    yaml: web() + granted(`[{apiGroups: [""], resources: [pods/exec], verbs: [create]}]`),
    from: SA,
    hop: 'POD_EXEC → shop/Deployment/web',
  },
  {
    name: 'POD_PATCH: patch deployments replaces the image',
    yaml: web() + granted(`[{apiGroups: [apps], resources: [deployments], verbs: [patch]}]`),
    from: SA,
    hop: 'POD_PATCH → shop/Deployment/web',
  },
  {
    name: 'EPHEMERAL_CONTAINER: patch pods/ephemeralcontainers',
    yaml: web() + granted(`[{apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [patch]}]`),
    from: SA,
    hop: 'EPHEMERAL_CONTAINER → shop/Deployment/web',
  },
  {
    name: 'POD_CREATE: create pods where Pod Security admits privileged pods reaches the node',
    yaml: ns('shop') + granted(`[{apiGroups: [""], resources: [pods], verbs: [create]}]`),
    from: SA,
    hop: 'POD_CREATE → Node/*',
  },
  {
    name: 'POD_CREATE_AS_SA: create jobs runs as any ServiceAccount of the namespace',
    yaml: web() + granted(`[{apiGroups: [batch], resources: [jobs], verbs: [create]}]`),
    from: SA,
    hop: 'POD_CREATE_AS_SA → shop/ServiceAccount/default',
  },
  {
    name: 'TOKEN_REQUEST: create serviceaccounts/token',
    yaml: web() + granted(`[{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}]`),
    from: SA,
    hop: 'TOKEN_REQUEST → shop/ServiceAccount/default',
  },
  {
    name: 'IDENTITY_IMPERSONATE: impersonating groups (system:masters) is cluster admin',
    yaml: grantedEverywhere(`[{apiGroups: [""], resources: [groups], verbs: [impersonate]}]`),
    from: SA,
    hop: 'IDENTITY_IMPERSONATE → ClusterAdmin/cluster-admin',
  },
  {
    name: 'IDENTITY_IMPERSONATE: impersonate serviceaccounts in the namespace',
    yaml: web() + granted(`[{apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}]`),
    from: SA,
    hop: 'IDENTITY_IMPERSONATE → shop/ServiceAccount/default',
  },
  {
    name: 'IDENTITY_IMPERSONATE: impersonating users covers ServiceAccounts (their user names)',
    yaml: web() + grantedEverywhere(`[{apiGroups: [""], resources: [users], verbs: [impersonate]}]`),
    from: SA,
    hop: 'IDENTITY_IMPERSONATE → shop/ServiceAccount/default',
  },
  {
    name: 'CSR_APPROVE: create and approve a kube-apiserver-client certificate',
    yaml: grantedEverywhere(
      `[{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create]}, {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}, {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve], resourceNames: [kubernetes.io/kube-apiserver-client]}]`,
    ),
    from: SA,
    hop: 'CSR_APPROVE → ClusterAdmin/cluster-admin',
  },
  {
    name: 'NODE_PROXY_EXEC: get nodes/proxy cluster-wide execs through the kubelet',
    yaml: web() + grantedEverywhere(`[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]`),
    from: SA,
    hop: 'NODE_PROXY_EXEC → shop/Deployment/web',
  },
  {
    name: 'ROLE_BIND: create clusterrolebindings and bind cluster-admin',
    yaml: grantedEverywhere(
      `[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}, {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [cluster-admin]}]`,
    ),
    from: SA,
    hop: 'ROLE_BIND → ClusterAdmin/cluster-admin',
  },
  {
    name: 'ROLE_BIND: a Role with create rolebindings and bind on clusterroles makes namespace admin',
    yaml: granted(
      `[{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}, {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}]`,
    ),
    from: SA,
    hop: 'ROLE_BIND → shop/NamespaceAdmin/*',
  },
  {
    name: 'ROLE_ESCALATE: escalate and update on the ClusterRole bound to itself',
    yaml: grantedEverywhere(
      `[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate, update]}]`,
    ),
    from: SA,
    hop: 'ROLE_ESCALATE → ClusterAdmin/cluster-admin',
  },
  {
    name: 'PERMISSION_DISCOVER: a ClusterRoleBinding to cluster-admin',
    yaml: binding('ClusterRoleBinding', 'ClusterRole', 'cluster-admin'),
    from: SA,
    hop: 'PERMISSION_DISCOVER → ClusterAdmin/cluster-admin',
  },
  {
    name: 'CE_PRIV_MOUNT: privileged',
    yaml: web('securityContext: {privileged: true}'),
    from: 'shop/Deployment/web',
    hop: 'CE_PRIV_MOUNT → Node/*',
  },
  {
    name: 'CE_NSENTER: privileged with hostPID',
    yaml: web('securityContext: {privileged: true}', 'hostPID: true'),
    from: 'shop/Deployment/web',
    hop: 'CE_NSENTER → Node/*',
  },
  {
    name: 'CE_MODULE_LOAD: SYS_MODULE',
    yaml: web('securityContext: {capabilities: {add: [SYS_MODULE]}}'),
    from: 'shop/Deployment/web',
    hop: 'CE_MODULE_LOAD → Node/*',
  },
  {
    name: 'CE_SYS_PTRACE: hostPID with SYS_PTRACE and SYS_ADMIN',
    yaml: web('securityContext: {capabilities: {add: [SYS_PTRACE, SYS_ADMIN]}}', 'hostPID: true'),
    from: 'shop/Deployment/web',
    hop: 'CE_SYS_PTRACE → Node/*',
  },
  {
    name: 'CE_UMH_CORE_PATTERN: /proc/sys writable, no runAsUser or runAsNonRoot (the image runs as root)',
    yaml: hostMount('/proc/sys'),
    from: 'shop/Deployment/web',
    hop: 'CE_UMH_CORE_PATTERN → Node/*',
  },
  {
    name: "CE_UMH_CORE_PATTERN: the container sets runAsUser: 0 over the pod's non-root user",
    yaml: hostMount('/proc', '', 'runAsUser: 0', 'securityContext: {runAsUser: 1000}, '),
    from: 'shop/Deployment/web',
    hop: 'CE_UMH_CORE_PATTERN → Node/*',
  },
  {
    name: 'CE_VAR_LOG_SYMLINK: /var/log writable, root, and get pods/log',
    yaml: hostMount('/var/log') + podLogs,
    from: 'shop/Deployment/web',
    hop: 'CE_VAR_LOG_SYMLINK → Node/*',
  },
  {
    name: 'EXPLOIT_HOST_TRAVERSE: /var/lib/kubelet read-only holds the tokens of the pods on the node',
    yaml: hostMount('/var/lib/kubelet', ', readOnly: true') + db(),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_HOST_TRAVERSE → shop/ServiceAccount/db',
  },
  {
    name: 'EXPLOIT_HOST_TRAVERSE: a pod pinned to a node meets an unconstrained traverser',
    yaml: hostMount('/', ', readOnly: true') + db('nodeName: n1, '),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_HOST_TRAVERSE → shop/ServiceAccount/db',
  },
  {
    name: 'EXPLOIT_HOST_READ: /etc mounted read-only',
    yaml: web(
      'volumeMounts: [{name: h, mountPath: /h, readOnly: true}]',
      'volumes: [{name: h, hostPath: {path: /etc}}]',
    ),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_HOST_READ → Node/*',
  },
  {
    name: 'EXPLOIT_HOST_WRITE: /var/lib mounted writable',
    yaml: web('volumeMounts: [{name: h, mountPath: /h}]', 'volumes: [{name: h, hostPath: {path: /var/lib}}]'),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_HOST_WRITE → Node/*',
  },
  {
    name: 'EXPLOIT_CONTAINERD_SOCK: the containerd socket, even read-only',
    yaml: web(
      'volumeMounts: [{name: h, mountPath: /s, readOnly: true}]',
      'volumes: [{name: h, hostPath: {path: /run/containerd/containerd.sock}}]',
    ),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_CONTAINERD_SOCK → Node/*',
  },
  {
    name: 'NETWORK_REACH: no policy, a port the target serves',
    yaml: deploy('api', 'containers: [{name: api, image: a, ports: [{containerPort: 8080}]}]') + web(),
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'NETWORK_REACH: a policy admitting the source on the served port',
    yaml:
      deploy('api', 'containers: [{name: api, image: a, ports: [{containerPort: 8080}]}]') +
      web() +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace: shop}\nspec: {podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}]}]}\n`,
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'NETWORK_REACH: a policy admitting every source on the served port',
    yaml:
      deploy('api', 'containers: [{name: api, image: a, ports: [{containerPort: 8080}]}]') +
      web() +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace: shop}\nspec: {podSelector: {matchLabels: {app: api}}, ingress: [{ports: [{port: 8080}]}]}\n`,
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'NETWORK_REACH: a policy admitting every source, the source egress allowed to the port',
    yaml:
      deploy('api', 'containers: [{name: api, image: a, ports: [{containerPort: 8080}]}]') +
      web() +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace: shop}\nspec: {podSelector: {matchLabels: {app: api}}, ingress: [{}]}\n---\n` +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{ports: [{port: 8080}]}]}\n`,
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'CLOUD_IDENTITY_ASSUME: an IRSA role annotation',
    yaml: `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: shop, annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::1:role/x"}}\n`,
    from: SA,
    hop: 'CLOUD_IDENTITY_ASSUME → CloudIdentity/arn:aws:iam::1:role/x',
  },
];

const absent: Case[] = [
  {
    name: 'IDENTITY_ASSUME: automountServiceAccountToken: false',
    yaml: web('', 'automountServiceAccountToken: false'),
    from: 'shop/Deployment/web',
    hop: 'IDENTITY_ASSUME → shop/ServiceAccount/default',
  },
  {
    name: 'TOKEN_STEAL: no token mounted by the ServiceAccount',
    yaml:
      web() +
      `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\nautomountServiceAccountToken: false\n`,
    from: 'Node/*',
    hop: 'TOKEN_STEAL → shop/ServiceAccount/default',
  },
  {
    name: 'SECRET_READ: secrets of another API group are not Secrets',
    yaml: withSecret + granted(`[{apiGroups: [apps], resources: [secrets], verbs: [get]}]`),
    from: SA,
    hop: 'SECRET_READ → shop/Secret/pw',
  },
  {
    name: 'SECRET_READ: resourceNames other than the Secret',
    yaml:
      withSecret + granted(`[{apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [other]}]`),
    from: SA,
    hop: 'SECRET_READ → shop/Secret/pw',
  },
  {
    name: 'SECRET_READ: an image pull secret stays with the kubelet',
    yaml: deploy('db', 'imagePullSecrets: [{name: reg}], containers: [{name: db, image: db:1}]'),
    from: 'shop/Deployment/db',
    hop: 'SECRET_READ → shop/Secret/reg',
  },
  {
    name: 'TOKEN_LIST: get is not list',
    yaml: withSecret + granted(`[{apiGroups: [""], resources: [secrets], verbs: [get]}]`),
    from: SA,
    hop: 'TOKEN_LIST → shop/Secret/pw',
  },
  {
    name: 'TOKEN_BRUTEFORCE: list is not get',
    yaml: web() + granted(`[{apiGroups: [""], resources: [secrets], verbs: [list]}]`),
    from: SA,
    hop: 'TOKEN_BRUTEFORCE → shop/ServiceAccount/default',
  },
  {
    name: 'TOKEN_BRUTEFORCE: get limited by resourceNames guesses nothing',
    yaml: web() + granted(`[{apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [pw]}]`),
    from: SA,
    hop: 'TOKEN_BRUTEFORCE → shop/ServiceAccount/default',
  },
  {
    name: 'TOKEN_BRUTEFORCE: a namespaced grant stays in its namespace',
    yaml:
      deploy('other', 'containers: [{name: o, image: o}]').replace('namespace: shop', 'namespace: other') +
      granted(`[{apiGroups: [""], resources: [secrets], verbs: [get]}]`),
    from: SA,
    hop: 'TOKEN_BRUTEFORCE → other/ServiceAccount/default',
  },
  {
    name: 'VOLUME_ACCESS: a ConfigMap volume holds no Secret',
    yaml: deploy('db', `containers: [{name: db, image: db:1}], volumes: [{name: s, configMap: {name: pw}}]`),
    from: 'shop/Deployment/db',
    hop: 'VOLUME_ACCESS → shop/Secret/pw',
  },
  {
    name: 'POD_EXEC: pods/* is not a wildcard (kubernetes#78936)',
    yaml: web() + granted(`[{apiGroups: [""], resources: ["pods/*"], verbs: [create]}]`),
    from: SA,
    hop: 'POD_EXEC → shop/Deployment/web',
  },
  {
    name: 'POD_PATCH: patch limited by resourceNames',
    yaml:
      web() +
      granted(`[{apiGroups: [apps], resources: [deployments], verbs: [patch], resourceNames: [other]}]`),
    from: SA,
    hop: 'POD_PATCH → shop/Deployment/web',
  },
  {
    name: 'EPHEMERAL_CONTAINER: pods/status is not pods/ephemeralcontainers',
    yaml: web() + granted(`[{apiGroups: [""], resources: [pods/status], verbs: [patch]}]`),
    from: SA,
    hop: 'EPHEMERAL_CONTAINER → shop/Deployment/web',
  },
  {
    name: 'POD_CREATE: Pod Security "baseline" refuses privileged pods',
    yaml:
      ns('shop', 'pod-security.kubernetes.io/enforce: baseline') +
      granted(`[{apiGroups: [""], resources: [pods], verbs: [create]}]`),
    from: SA,
    hop: 'POD_CREATE → Node/*',
  },
  {
    name: 'POD_CREATE_AS_SA: deployments are not in the core group',
    yaml: web() + granted(`[{apiGroups: [""], resources: [deployments], verbs: [create]}]`),
    from: SA,
    hop: 'POD_CREATE_AS_SA → shop/ServiceAccount/default',
  },
  {
    name: 'TOKEN_REQUEST: get serviceaccounts/token is not create',
    yaml: web() + granted(`[{apiGroups: [""], resources: [serviceaccounts/token], verbs: [get]}]`),
    from: SA,
    hop: 'TOKEN_REQUEST → shop/ServiceAccount/default',
  },
  {
    name: 'IDENTITY_IMPERSONATE: only some groups',
    yaml: grantedEverywhere(
      `[{apiGroups: [""], resources: [groups], verbs: [impersonate], resourceNames: [developers]}]`,
    ),
    from: SA,
    hop: 'IDENTITY_IMPERSONATE → ClusterAdmin/cluster-admin',
  },
  {
    name: 'CSR_APPROVE: approval without the kube-apiserver-client signer',
    yaml: grantedEverywhere(
      `[{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create]}, {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}, {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve], resourceNames: [example.com/my-signer]}]`,
    ),
    from: SA,
    hop: 'CSR_APPROVE → ClusterAdmin/cluster-admin',
  },
  {
    name: 'NODE_PROXY_EXEC: a Role cannot grant nodes/proxy',
    yaml: web() + granted(`[{apiGroups: [""], resources: [nodes/proxy], verbs: [get, create]}]`),
    from: SA,
    hop: 'NODE_PROXY_EXEC → shop/Deployment/web',
  },
  {
    name: 'ROLE_BIND: create clusterrolebindings without bind',
    yaml: grantedEverywhere(
      `[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}]`,
    ),
    from: SA,
    hop: 'ROLE_BIND → ClusterAdmin/cluster-admin',
  },
  {
    name: 'ROLE_ESCALATE: escalate without update',
    yaml: grantedEverywhere(
      `[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}]`,
    ),
    from: SA,
    hop: 'ROLE_ESCALATE → ClusterAdmin/cluster-admin',
  },
  {
    name: 'PERMISSION_DISCOVER: a RoleBinding to cluster-admin gives namespace rights only',
    yaml: binding('RoleBinding', 'ClusterRole', 'cluster-admin'),
    from: SA,
    hop: 'PERMISSION_DISCOVER → ClusterAdmin/cluster-admin',
  },
  {
    name: 'CE_PRIV_MOUNT: not privileged',
    yaml: web('securityContext: {privileged: false}'),
    from: 'shop/Deployment/web',
    hop: 'CE_PRIV_MOUNT → Node/*',
  },
  {
    name: 'CE_NSENTER: hostPID without privileged',
    yaml: web('', 'hostPID: true'),
    from: 'shop/Deployment/web',
    hop: 'CE_NSENTER → Node/*',
  },
  {
    name: 'CE_MODULE_LOAD: NET_ADMIN is not SYS_MODULE',
    yaml: web('securityContext: {capabilities: {add: [NET_ADMIN]}}'),
    from: 'shop/Deployment/web',
    hop: 'CE_MODULE_LOAD → Node/*',
  },
  {
    name: 'CE_SYS_PTRACE: the capabilities without hostPID',
    yaml: web('securityContext: {capabilities: {add: [SYS_PTRACE, SYS_ADMIN]}}'),
    from: 'shop/Deployment/web',
    hop: 'CE_SYS_PTRACE → Node/*',
  },
  {
    name: 'CE_UMH_CORE_PATTERN: runAsNonRoot: true on the pod (the kubelet refuses an image that runs as root)',
    yaml: hostMount('/proc/sys', '', '', 'securityContext: {runAsNonRoot: true}, '),
    from: 'shop/Deployment/web',
    hop: 'CE_UMH_CORE_PATTERN → Node/*',
  },
  {
    name: 'CE_UMH_CORE_PATTERN: a non-root runAsUser',
    yaml: hostMount('/proc/sys/kernel', '', 'runAsUser: 1000'),
    from: 'shop/Deployment/web',
    hop: 'CE_UMH_CORE_PATTERN → Node/*',
  },
  {
    name: 'CE_UMH_CORE_PATTERN: mounted read-only (core_pattern cannot be written)',
    yaml: hostMount('/proc/sys', ', readOnly: true'),
    from: 'shop/Deployment/web',
    hop: 'CE_UMH_CORE_PATTERN → Node/*',
  },
  {
    name: 'CE_UMH_CORE_PATTERN: /proc/sys/vm holds no core_pattern',
    yaml: hostMount('/proc/sys/vm'),
    from: 'shop/Deployment/web',
    hop: 'CE_UMH_CORE_PATTERN → Node/*',
  },
  {
    name: 'CE_VAR_LOG_SYMLINK: /var/log writable and root, without pods/log',
    yaml: hostMount('/var/log') + granted(`[{apiGroups: [""], resources: [pods], verbs: [get]}]`),
    from: 'shop/Deployment/web',
    hop: 'CE_VAR_LOG_SYMLINK → Node/*',
  },
  {
    name: 'CE_VAR_LOG_SYMLINK: pods/log, but the token is not mounted',
    yaml: hostMount('/var/log', '', '', 'automountServiceAccountToken: false, ') + podLogs,
    from: 'shop/Deployment/web',
    hop: 'CE_VAR_LOG_SYMLINK → Node/*',
  },
  {
    name: "CE_VAR_LOG_SYMLINK: pods/log in another namespace than the pod's",
    yaml:
      hostMount('/var/log') +
      role('Role', 'r', `[{apiGroups: [""], resources: [pods/log], verbs: [get]}]`).replaceAll(
        'shop',
        'other',
      ) +
      binding('RoleBinding', 'Role', 'r').replace('namespace: shop}', 'namespace: other}'),
    from: 'shop/Deployment/web',
    hop: 'CE_VAR_LOG_SYMLINK → Node/*',
  },
  {
    name: 'CE_VAR_LOG_SYMLINK: /var/log/pods is below the folders the symlink needs',
    yaml: hostMount('/var/log/pods') + podLogs,
    from: 'shop/Deployment/web',
    hop: 'CE_VAR_LOG_SYMLINK → Node/*',
  },
  {
    name: 'CE_VAR_LOG_SYMLINK: runAsUser 1000',
    yaml: hostMount('/var/log', '', 'runAsUser: 1000') + podLogs,
    from: 'shop/Deployment/web',
    hop: 'CE_VAR_LOG_SYMLINK → Node/*',
  },
  {
    name: 'EXPLOIT_HOST_TRAVERSE: the other pod is pinned to another node',
    yaml: hostMount('/var/lib/kubelet/pods', ', readOnly: true', '', 'nodeName: n1, ') + db('nodeName: n2, '),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_HOST_TRAVERSE → shop/ServiceAccount/db',
  },
  {
    name: 'EXPLOIT_HOST_TRAVERSE: /var/lib/kubelet/plugins holds no pod folder',
    yaml: hostMount('/var/lib/kubelet/plugins', ', readOnly: true') + db(),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_HOST_TRAVERSE → shop/ServiceAccount/db',
  },
  {
    name: 'EXPLOIT_HOST_TRAVERSE: the other pod mounts no token',
    yaml: hostMount('/var/lib/kubelet', ', readOnly: true') + db('automountServiceAccountToken: false, '),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_HOST_TRAVERSE → shop/ServiceAccount/db',
  },
  {
    name: 'EXPLOIT_HOST_READ: /var/log read-only holds no host credentials',
    yaml: web(
      'volumeMounts: [{name: h, mountPath: /h, readOnly: true}]',
      'volumes: [{name: h, hostPath: {path: /var/log}}]',
    ),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_HOST_READ → Node/*',
  },
  {
    name: 'EXPLOIT_HOST_WRITE: /tmp is on the safe list',
    yaml: web(
      'volumeMounts: [{name: h, mountPath: /h}]',
      'volumes: [{name: h, hostPath: {path: /tmp/cache}}]',
    ),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_HOST_WRITE → Node/*',
  },
  {
    name: 'EXPLOIT_CONTAINERD_SOCK: another socket folder',
    yaml: web(
      'volumeMounts: [{name: h, mountPath: /s, readOnly: true}]',
      'volumes: [{name: h, hostPath: {path: /run/user}}]',
    ),
    from: 'shop/Deployment/web',
    hop: 'EXPLOIT_CONTAINERD_SOCK → Node/*',
  },
  {
    name: 'NETWORK_REACH: the target serves no port',
    yaml: deploy('api', 'containers: [{name: api, image: a}]') + web(),
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'NETWORK_REACH: default-deny ingress in the namespace',
    yaml:
      deploy('api', 'containers: [{name: api, image: a, ports: [{containerPort: 8080}]}]') +
      web() +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n`,
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'NETWORK_REACH: the policy admits another port than the one served',
    yaml:
      deploy('api', 'containers: [{name: api, image: a, ports: [{containerPort: 8080}]}]') +
      web() +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace: shop}\nspec: {podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 9090}]}]}\n`,
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'NETWORK_REACH: egress of the source denied',
    yaml:
      deploy('api', 'containers: [{name: api, image: a, ports: [{containerPort: 8080}]}]') +
      web() +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}\n`,
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'NETWORK_REACH: a policy admitting every source on another port',
    yaml:
      deploy('api', 'containers: [{name: api, image: a, ports: [{containerPort: 8080}]}]') +
      web() +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace: shop}\nspec: {podSelector: {matchLabels: {app: api}}, ingress: [{ports: [{port: 9090}]}]}\n`,
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'NETWORK_REACH: a policy admitting every source, the source egress-restricted elsewhere',
    yaml:
      deploy('api', 'containers: [{name: api, image: a, ports: [{containerPort: 8080}]}]') +
      web() +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace: shop}\nspec: {podSelector: {matchLabels: {app: api}}, ingress: [{}]}\n---\n` +
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{ports: [{port: 53, protocol: UDP}]}]}\n`,
    from: 'shop/Deployment/web',
    hop: 'NETWORK_REACH → shop/Deployment/api',
  },
  {
    name: 'CLOUD_IDENTITY_ASSUME: an unrelated annotation',
    yaml: `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: shop, annotations: {team: a}}\n`,
    from: SA,
    hop: 'CLOUD_IDENTITY_ASSUME → CloudIdentity/arn:aws:iam::1:role/x',
  },
];

describe('technique edges', () => {
  it.each(present)('$name', ({ yaml, from, hop }) => {
    expect(directHops(attackGraphOf(yaml), from)).toContain(hop);
  });
  it.each(absent)('near miss — $name', ({ yaml, from, hop }) => {
    expect(directHops(attackGraphOf(yaml), from)).not.toContain(hop);
  });

  it('near miss — ENDPOINT_EXPLOIT: a ClusterIP Service is no entry point', () => {
    const built = attackGraphOf(
      web() +
        `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n`,
    );
    expect({ endpoints: built.endpoints, entries: built.entryWorkloads }).toEqual({
      endpoints: [],
      entries: [],
    });
  });

  it('near miss — ENDPOINT_EXPLOIT: an HTTPRoute attached to no Gateway, a containerPort without hostPort', () => {
    const built = attackGraphOf(
      web('ports: [{containerPort: 80}]') +
        `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n` +
        `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: shop}\nspec: {rules: [{backendRefs: [{name: web, port: 80}]}]}\n`,
    );
    expect({ endpoints: built.endpoints, entries: built.entryWorkloads }).toEqual({
      endpoints: [],
      entries: [],
    });
  });

  it('every near miss refuses a hop that some case shows (no misspelt, vacuous near miss)', () => {
    const shown = new Set(present.map((c) => c.hop));
    expect(absent.filter((c) => !shown.has(c.hop)).map((c) => c.name)).toEqual([
      'SECRET_READ: an image pull secret stays with the kubelet',
    ]);
  });

  it('the node (its kubelet) holds the image pull secrets of its pods', () => {
    const yaml = deploy('db', 'imagePullSecrets: [{name: reg}], containers: [{name: db, image: db:1}]');
    expect(directHops(attackGraphOf(yaml), 'Node/*')).toContain('SECRET_READ → shop/Secret/reg');
  });

  it('a name in a rule on ConfigMaps makes no Secret asset', () => {
    const built = attackGraphOf(
      web() +
        granted(`[{apiGroups: [""], resources: [configmaps], verbs: [get], resourceNames: [settings]}]`),
    );
    expect(built.graph.find({ kind: 'Secret', namespace: 'shop', name: 'settings' })).toBeUndefined();
  });

  it('a configured user has the bindings of its groups (.kubeward.yaml users)', () => {
    const yaml =
      web() +
      role('Role', 'exec', `[{apiGroups: [""], resources: [pods/exec], verbs: [create]}]`) +
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs, namespace: shop}
subjects: [{kind: Group, name: shop-devs, apiGroup: rbac.authorization.k8s.io}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec}
`;
    const parsed = parseManifestText(yaml, 'test.yaml');
    const built = buildAttackGraph(buildClusterModel(parsed.resources), {
      userGroups: { alice: ['shop-devs'] },
    });
    expect(directHops(built, 'User/alice')).toEqual(['POD_EXEC → shop/Deployment/web']);
    const without = buildAttackGraph(buildClusterModel(parsed.resources), { userGroups: { alice: [] } });
    expect(directHops(without, 'User/alice')).toEqual([]);
  });

  it('evidence names the exact fields and grants of the four KubeHound edges added last', () => {
    const yaml =
      deploy(
        'web',
        `serviceAccountName: app, containers: [{name: web, image: web:1, securityContext: {runAsUser: 0}, volumeMounts: [{name: h, mountPath: /h}, {name: k, mountPath: /k, readOnly: true}]}], volumes: [{name: h, hostPath: {path: /}}, {name: k, hostPath: {path: /var/lib/kubelet}}]`,
      ) + granted(`[{apiGroups: [""], resources: [pods/log, secrets], verbs: [get]}]`);
    const { graph } = attackGraphOf(yaml);
    const shown = ['CE_UMH_CORE_PATTERN', 'CE_VAR_LOG_SYMLINK', 'EXPLOIT_HOST_TRAVERSE', 'TOKEN_BRUTEFORCE'];
    const root =
      'mounted writable by container web, which runs as root (spec.template.spec.containers[0].securityContext.runAsUser: 0)';
    expect(
      graph.edges
        .filter((e) => e.technique !== undefined && shown.includes(e.technique))
        .filter((e) => !e.evidence!.text.includes('(default policy)'))
        .map((e) => [e.technique, e.evidence!.text, e.evidence!.fix]),
    ).toEqual([
      [
        'EXPLOIT_HOST_TRAVERSE',
        "shop/Deployment/web spec.template.spec.volumes[0].hostPath.path (test.yaml:1): the kubelet's pod folders under it hold the service-account token of every pod on any node (no node constraint)",
        'remove the hostPath / from shop/Deployment/web',
      ],
      [
        'CE_UMH_CORE_PATTERN',
        `shop/Deployment/web spec.template.spec.volumes[0].hostPath.path (test.yaml:1), ${root}`,
        'remove the hostPath /, mount it readOnly, or run container web as a non-root user',
      ],
      [
        'CE_VAR_LOG_SYMLINK',
        `shop/Deployment/web spec.template.spec.volumes[0].hostPath.path (test.yaml:1), ${root}; ServiceAccount shop/app may get pods/log: RoleBinding shop/b-r (test.yaml:14) → Role shop/r rule #0`,
        'remove the hostPath /, mount it readOnly, or run container web as a non-root user',
      ],
      [
        'TOKEN_BRUTEFORCE',
        'RoleBinding shop/b-r (test.yaml:14) → Role shop/r rule #0 — guesses the names of legacy token Secrets (<sa>-token-<5 chars>): only where such Secrets exist (created by hand, or before Kubernetes 1.24)',
        'remove RoleBinding shop/b-r or drop get secrets from rule #0 of Role shop/r',
      ],
    ]);
  });

  it('SHARE_PS_NAMESPACE, CONTAINER_ATTACH, VOLUME_DISCOVER collapse into the workload vertex: shareProcessNamespace changes no hop', () => {
    // The exposed container serves the port; only the sidecar mounts the Secret and is privileged.
    const pod = (share: boolean) =>
      deploy(
        'web',
        `shareProcessNamespace: ${share}, containers: [{name: web, image: web:1, ports: [{containerPort: 80}]}, {name: side, image: s:1, securityContext: {privileged: true}, volumeMounts: [{name: s, mountPath: /s}]}], volumes: [{name: s, secret: {secretName: pw}}]`,
      ) +
      `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}\n`;
    const hops = (share: boolean) => directHops(attackGraphOf(pod(share)), 'shop/Deployment/web');
    expect(hops(false)).toEqual(hops(true));
    expect(hops(false)).toEqual([
      'CE_MODULE_LOAD → Node/*',
      'CE_PRIV_MOUNT → Node/*',
      'IDENTITY_ASSUME → shop/ServiceAccount/default',
      'NETWORK_REACH → shop/Deployment/web',
      'VOLUME_ACCESS → shop/Secret/pw',
    ]);
  });

  it('a RoleBinding to cluster-admin reaches the pods of its namespace only', () => {
    const yaml =
      web() +
      deploy('other', 'containers: [{name: o, image: o}]').replace('namespace: shop', 'namespace: other') +
      binding('RoleBinding', 'ClusterRole', 'cluster-admin');
    const hops = directHops(attackGraphOf(yaml), SA);
    expect(hops).toContain('POD_EXEC → shop/Deployment/web');
    expect(hops.filter((h) => h.includes('other/'))).toEqual([]);
  });
});
