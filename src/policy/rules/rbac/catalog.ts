/** The rbac rules, in the order `kubeward rules` lists them (scanners.md §2.3). */
import type { Rule } from '../../types.js';
import { rbacAggregateToBuiltin } from './rbac-aggregate-to-builtin.js';
import { rbacAnonymous } from './rbac-anonymous.js';
import { rbacAuthenticated } from './rbac-authenticated.js';
import { rbacAwsAuth } from './rbac-aws-auth.js';
import { rbacBindingCreate } from './rbac-binding-create.js';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.js';
import { rbacConfigmapWrite } from './rbac-configmap-write.js';
import { rbacCreatePv } from './rbac-create-pv.js';
import { rbacCsrApprove } from './rbac-csr-approve.js';
import { rbacDanglingRoleref } from './rbac-dangling-roleref.js';
import { rbacDelete } from './rbac-delete.js';
import { rbacEscalateBind } from './rbac-escalate-bind.js';
import { rbacImpersonate } from './rbac-impersonate.js';
import { rbacNetworkingWrite } from './rbac-networking-write.js';
import { rbacNodesProxy } from './rbac-nodes-proxy.js';
import { rbacPodsExecAttach } from './rbac-pods-exec-attach.js';
import { rbacPortforward } from './rbac-portforward.js';
import { rbacSaTokenCreate } from './rbac-sa-token-create.js';
import { rbacSecretsRead } from './rbac-secrets-read.js';
import { rbacServicesStatus } from './rbac-services-status.js';
import { rbacSystemMasters } from './rbac-system-masters.js';
import { rbacWebhookConfig } from './rbac-webhook-config.js';
import { rbacWildcard } from './rbac-wildcard.js';
import { rbacWildcardPartial } from './rbac-wildcard-partial.js';
import { rbacWorkloadCreate } from './rbac-workload-create.js';

export const rbacRules: readonly Rule[] = [
  rbacClusterAdminBinding,
  rbacWildcard,
  rbacWildcardPartial,
  rbacSecretsRead,
  rbacWorkloadCreate,
  rbacPodsExecAttach,
  rbacPortforward,
  rbacNodesProxy,
  rbacEscalateBind,
  rbacImpersonate,
  rbacBindingCreate,
  rbacWebhookConfig,
  rbacCsrApprove,
  rbacSaTokenCreate,
  rbacCreatePv,
  rbacServicesStatus,
  rbacNetworkingWrite,
  rbacConfigmapWrite,
  rbacAwsAuth,
  rbacDelete,
  rbacAnonymous,
  rbacAuthenticated,
  rbacSystemMasters,
  rbacDanglingRoleref,
  rbacAggregateToBuiltin,
];
