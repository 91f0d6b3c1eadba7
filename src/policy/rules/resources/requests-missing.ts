import { defineWorkloadRule, type Report } from '../../types.js';
import { podContainers } from '../../../k8s/podContainers.js';
import { ACCOUNTED_CONTAINERS, effectiveResources, type ResourceName } from './containerResources.js';

export const requestsMissing = defineWorkloadRule({
  id: 'requests-missing',
  title: 'Container has no CPU or memory request',
  category: 'resources',
  severity: 'low',
  description:
    'For each init and regular container, `resources.requests.cpu` or `resources.requests.memory` unset after defaulting: a request ' +
    "counts when set on the container, taken from the container's own limit, set at pod level (`spec.resources`), or defaulted by a " +
    'LimitRange of type Container (`defaultRequest`, `default`, `max`, `min`). One finding per container names what is missing. Opt-in: ' +
    'requests are first a scheduling and reliability concern.',
  rationale:
    'The scheduler places pods by their requests; a container without them is packed onto nodes as if it used nothing, and a pod with no ' +
    'requests at all is BestEffort, the first to be evicted under pressure. A noisy or compromised neighbour can then starve it or get it ' +
    'evicted (T1499 denial of service). Low: the impact is availability of the pod itself; limits-missing covers the node-wide risk.',
  remediation:
    "Set `resources.requests.cpu` and `resources.requests.memory` to the container's usual consumption, or give the namespace a " +
    'LimitRange with `defaultRequest` for type Container.',
  references: {
    nsa: ['Network separation and hardening: Resource policies'],
    mitre: ['T1499'],
    links: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits',
    ],
  },
  targets: ['workload'],
  needsModel: true,
  optIn: true,
  *check({ workload, model }): Iterable<Report> {
    for (const { ref: c } of podContainers(workload, ACCOUNTED_CONTAINERS)) {
      const res = effectiveResources(model, workload, c);
      const missing = (['cpu', 'memory'] as const).filter((r: ResourceName) => !res.hasRequest(r));
      if (missing.length === 0) continue;
      yield {
        message: `container "${c.name}" has no ${missing.join(' and ')} request${missing.length > 1 ? 's' : ''}: the scheduler treats it as using none`,
        path: [...c.path, 'resources', 'requests'],
        container: c.name,
      };
    }
  },
});
