/**
 * Baseline `hostProbesAndHostLifecycle` (policy/check_hostProbesAndhostLifecycle.go),
 * from v1.34: no container's liveness/readiness/startup probe or postStart/preStop
 * handler may set `httpGet.host` or `tcpSocket.host` (empty is fine) — the kubelet
 * would connect to that host from the node.
 */
import type { FieldPath } from '../../k8s/fieldPath.js';
import { isRecord, type JsonRecord } from '../../k8s/shape.js';
import { containerPath, recordField, stringField } from '../podView.js';
import type { CheckOutcome, ContainerView, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase, joinQuote, pluralize, sortedSet } from '../wording.js';

const REASON = 'probe or lifecycle host';
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

/** Where a host may be set, relative to the container, in upstream's visiting order. */
const HANDLER_PATHS: readonly (readonly string[])[] = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];

function uses(containers: readonly string[], hosts: readonly string[]): string {
  const sorted = sortedSet(hosts);
  return `${containersPhrase(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize(REASON, `${REASON}s`, sorted.length)} ${joinQuote(sorted)}`;
}

function handlerAt(c: ContainerView, at: readonly string[]): JsonRecord | undefined {
  let cur: JsonRecord | undefined = c.container;
  for (const key of at) cur = recordField(cur, key);
  return cur;
}

/** Hosts a probe or handler sets, appended to `hosts`. */
function addHosts(handler: unknown, hosts: string[] | undefined): string[] | undefined {
  if (!isRecord(handler)) return hosts;
  const http = stringField(recordField(handler, 'httpGet'), 'host');
  if (http !== '') (hosts ??= []).push(http);
  const tcp = stringField(recordField(handler, 'tcpSocket'), 'host');
  if (tcp !== '') (hosts ??= []).push(tcp);
  return hosts;
}

// Written out rather than walking HANDLER_PATHS: this runs for every container on the hot path.
function hostsOf(c: ContainerView): string[] | undefined {
  const container = c.container;
  let hosts = addHosts(container.livenessProbe, undefined);
  hosts = addHosts(container.readinessProbe, hosts);
  hosts = addHosts(container.startupProbe, hosts);
  const lifecycle = container.lifecycle;
  if (isRecord(lifecycle)) {
    hosts = addHosts(lifecycle.postStart, hosts);
    hosts = addHosts(lifecycle.preStop, hosts);
  }
  return hosts;
}

/** Path of the first host set in a container (only called for a container that sets one). */
function firstHostPath(pod: PodView, c: ContainerView): FieldPath {
  for (const at of HANDLER_PATHS) {
    const handler = handlerAt(c, at);
    for (const action of ACTIONS) {
      if (stringField(recordField(handler, action), 'host') !== '') {
        return containerPath(pod, c, ...at, action, 'host');
      }
    }
  }
  return containerPath(pod, c);
}

function hostProbesAndHostLifecycle(pod: PodView): CheckOutcome | undefined {
  let items: ViolationItem[] | undefined;
  let allHosts: string[] | undefined;
  for (const c of pod.containers) {
    const hosts = hostsOf(c);
    if (hosts === undefined) continue;
    (allHosts ??= []).push(...hosts);
    (items ??= []).push({
      container: c.name,
      path: firstHostPath(pod, c),
      reason: REASON,
      detail: uses([c.name], hosts),
    });
  }
  if (items === undefined) return undefined;
  // Upstream keeps the bad containers in a set too, so they are listed sorted.
  return { reason: REASON, detail: uses(sortedSet(items.map((i) => i.container!)), allHosts!), items };
}

export const hostProbesAndHostLifecycleCheck: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  revisions: [{ minVersion: 34, evaluate: hostProbesAndHostLifecycle }],
};
