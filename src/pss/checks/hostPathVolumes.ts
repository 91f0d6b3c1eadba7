/**
 * Baseline `hostPathVolumes` (policy/check_hostPathVolumes.go): no `spec.volumes`
 * entry may have a `hostPath` source.
 */
import { asRecord } from '../../k8s/shape.js';
import { recordField, specPath, stringField } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck } from '../types.js';
import { joinQuote, pluralize } from '../wording.js';

const REASON = 'hostPath volumes';

function hostPathVolumes(pod: PodView): CheckOutcome | undefined {
  const volumes = pod.spec.volumes;
  if (!Array.isArray(volumes)) return undefined;
  let names: string[] | undefined;
  let first = -1;
  for (let i = 0; i < volumes.length; i++) {
    const volume = asRecord(volumes[i]);
    if (recordField(volume, 'hostPath') === undefined) continue;
    (names ??= []).push(stringField(volume, 'name'));
    if (first < 0) first = i;
  }
  if (names === undefined) return undefined;
  const detail = `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`;
  return {
    reason: REASON,
    detail,
    items: [{ path: specPath(pod, 'volumes', first, 'hostPath'), reason: REASON, detail }],
  };
}

export const hostPathVolumesCheck: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  revisions: [{ minVersion: 0, evaluate: hostPathVolumes }],
};
