/** The ports of a Service as people read them: `80/TCP, 443/TCP` (protocol defaults to TCP). */
import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import type { Resource } from '../../../k8s/resource.js';

export function describeServicePorts(service: Resource): string {
  const ports = asArray(asRecord(service.object.spec)?.ports)
    .map((raw) => {
      const p = asRecord(raw);
      const port = p?.port;
      if (typeof port !== 'number') return undefined;
      const nodePort = typeof p?.nodePort === 'number' ? ` (nodePort ${p.nodePort})` : '';
      return `${port}/${asString(p?.protocol) ?? 'TCP'}${nodePort}`;
    })
    .filter((s): s is string => s !== undefined);
  return ports.length > 0 ? ports.join(', ') : 'no ports';
}

/** `spec.type`, defaulting to ClusterIP. */
export function serviceType(service: Resource): string {
  return asString(asRecord(service.object.spec)?.type) ?? 'ClusterIP';
}
