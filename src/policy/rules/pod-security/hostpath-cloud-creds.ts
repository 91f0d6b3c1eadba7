import { defineWorkloadRule } from '../../types.js';
import { hostPathExposureCheck } from './hostPaths.js';

export const hostpathCloudCreds = defineWorkloadRule({
  id: 'hostpath-cloud-creds',
  title: 'Pod mounts cloud credentials from the node',
  category: 'pod-security',
  severity: 'high',
  description:
    'A `hostPath` volume (path normalised) whose path has a `.aws` or `.azure` segment or the segments `.config/gcloud` (e.g. /root/.aws, ' +
    '/home/ops/.config/gcloud/credentials.db), or is /etc/kubernetes/azure.json (the AKS cloud-provider config) or under it. A mount whose `subPath` reaches ' +
    "such a path is reported at the subPath. Directories that merely contain them (/root, /home, /etc/kubernetes) are hostpath-sensitive's. " +
    'A read-write mount is named in the message rather than reported again by hostpath-writable.',
  rationale:
    "These files hold long-lived cloud credentials — often of the node's or the cluster's identity (the AKS service principal in azure.json). Anyone in the " +
    'container can copy them and use them from outside the cluster against the cloud account: storage, registries, other clusters. ' +
    'A credential leak beyond Kubernetes — high.',
  remediation:
    "Remove the volume. Give the workload its own short-lived cloud identity (EKS Pod Identity / IRSA, Azure Workload Identity, GKE Workload Identity) instead of the node's files.",
  references: {
    cis: ['5.2.12'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1552.001', 'T1078.004'],
    pss: 'HostPath Volumes (baseline)',
    links: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  },
  targets: ['workload'],
  check: hostPathExposureCheck({
    risk: 'cloud-credentials',
    describe: ({ hostPath, risk }) => `host path ${hostPath} with ${risk.reason}`,
    namesWriters: { mount: false, volume: true },
  }),
});
