/**
 * Baseline `hostPorts` (policy/check_hostPorts.go): no container port may have a
 * non-zero `hostPort`.
 *
 * PSA sees Pods after API-server defaulting: in a `hostNetwork: true` Pod every port of
 * a container or init container without a hostPort gets `hostPort = containerPort`
 * (pkg/apis/core/v1/defaults.go `defaultHostNetworkPorts`). Since Kubernetes 1.28
 * that default is applied to Pods only, not to pod templates in workloads, so the
 * caller says whether to apply it (`PodView.defaultHostPorts`).
 */
import { asRecord } from '../../k8s/shape.js';
import { containerPath } from '../podView.js';
import type { CheckOutcome, ContainerView, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase, pluralize, sortedSet } from '../wording.js';

const REASON = 'hostPort';

function uses(containers: readonly string[], ports: readonly string[]): string {
  const sorted = sortedSet(ports);
  return `${containersPhrase(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('hostPort', 'hostPorts', sorted.length)} ${sorted.join(', ')}`;
}

function hostPortOf(port: Record<string, unknown>, defaulted: boolean): number {
  const hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
  if (hostPort !== 0 || !defaulted) return hostPort;
  return typeof port.containerPort === 'number' ? port.containerPort : 0;
}

function hostPorts(pod: PodView): CheckOutcome | undefined {
  const hostNetworkDefault = pod.defaultHostPorts && pod.spec.hostNetwork === true;
  let items: ViolationItem[] | undefined;
  let allPorts: string[] | undefined;
  for (const c of pod.containers) {
    const ports = c.container.ports;
    if (!Array.isArray(ports)) continue;
    // Ephemeral containers may not declare ports, and the defaulting skips them.
    const defaulted = hostNetworkDefault && c.list !== 'ephemeralContainers';
    let bad: string[] | undefined;
    let first = -1;
    for (let j = 0; j < ports.length; j++) {
      const port = asRecord(ports[j]);
      if (port === undefined) continue;
      const hostPort = hostPortOf(port, defaulted);
      if (hostPort === 0) continue;
      (bad ??= []).push(String(hostPort));
      if (first < 0) first = j;
    }
    if (bad === undefined) continue;
    (allPorts ??= []).push(...bad);
    (items ??= []).push(item(pod, c, first, bad));
  }
  if (items === undefined) return undefined;
  return {
    reason: REASON,
    detail: uses(
      items.map((i) => i.container!),
      allPorts!,
    ),
    items,
  };
}

function item(pod: PodView, c: ContainerView, port: number, bad: readonly string[]): ViolationItem {
  return {
    container: c.name,
    path: containerPath(pod, c, 'ports', port, 'hostPort'),
    reason: REASON,
    detail: uses([c.name], bad),
  };
}

export const hostPortsCheck: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  revisions: [{ minVersion: 0, evaluate: hostPorts }],
};
