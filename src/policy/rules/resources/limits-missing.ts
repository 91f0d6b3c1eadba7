import { defineWorkloadRule, type Report } from '../../types.js';
import { podContainers } from '../../../k8s/podContainers.js';
import { ACCOUNTED_CONTAINERS, effectiveResources } from './containerResources.js';

export const limitsMissing = defineWorkloadRule({
  id: 'limits-missing',
  title: 'Container has no memory limit (or no CPU bound at all)',
  category: 'resources',
  severity: 'medium',
  description:
    'For each init and regular container: `resources.limits.memory` unset; and `resources.limits.cpu` unset while the container has no ' +
    'CPU request either. Limits and requests count when set on the container, at pod level (`spec.resources`), or defaulted by a ' +
    'LimitRange of type Container in the namespace (`default`, `max`, `defaultRequest`, `min`); a request also defaults from the ' +
    "container's own limit. A missing CPU limit alone is not reported: CPU is compressible, a CPU request already guarantees the " +
    "container's neighbours their share under contention (CFS weights), and CPU limits cause throttling that many teams avoid on purpose. " +
    'Ephemeral containers cannot set resources and are skipped.',
  rationale:
    "Memory is not compressible: a container without a memory limit can take all of the node's memory — through a leak, a decompression " +
    'bomb or a request flood — until the kernel OOM-kills processes and the kubelet evicts other pods, denying service to every workload ' +
    'on the node (T1499 endpoint denial of service, T1496 resource hijacking). A container with neither CPU limit nor request is invisible ' +
    'to the scheduler and bounded by nothing, so a cryptominer or a hot loop in it competes freely with its neighbours. Medium: an ' +
    'availability impact confined to the node, reachable from a single compromised or buggy pod.',
  remediation:
    'Set `resources.limits.memory` on every container (and `resources.requests.cpu`, or a CPU limit if you want a hard cap), or give ' +
    'the namespace a LimitRange with `default.memory` and `defaultRequest.cpu` for type Container, plus a ResourceQuota.',
  references: {
    nsa: ['Network separation and hardening: Resource policies'],
    mitre: ['T1499', 'T1496'],
    links: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  },
  targets: ['workload'],
  needsModel: true,
  *check({ workload, model }): Iterable<Report> {
    for (const { ref: c } of podContainers(workload, ACCOUNTED_CONTAINERS)) {
      const res = effectiveResources(model, workload, c);
      if (!res.hasLimit('memory')) {
        yield {
          message: `container "${c.name}" has no memory limit: it can take all of the node's memory`,
          path: [...c.path, 'resources', 'limits', 'memory'],
          container: c.name,
        };
      }
      if (!res.hasLimit('cpu') && !res.hasRequest('cpu')) {
        yield {
          message: `container "${c.name}" has neither a CPU limit nor a CPU request: nothing bounds or reserves its CPU`,
          path: [...c.path, 'resources', 'limits', 'cpu'],
          container: c.name,
        };
      }
    }
  },
});
