/**
 * Restricted `restrictedVolumes` (policy/check_restrictedVolumes.go), replacing the
 * baseline hostPath check at every version: each `spec.volumes` entry must use one of
 * configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim,
 * projected or secret.
 *
 * A volume that names no source is an `emptyDir` after API-server defaulting
 * (pkg/apis/core/v1/defaults.go `SetDefaults_Volume`), so it passes; unknown keys are
 * dropped by the API server's decoding and so count as no source.
 */
import { asRecord } from '../../k8s/shape.js';
import { specPath, stringField } from '../podView.js';
import type { CheckOutcome, PodView, PssCheck } from '../types.js';
import { joinQuote, pluralize, sortedSet } from '../wording.js';

const REASON = 'restricted volume types';

/** The volume sources restricted allows; the volume-type-restricted rule reads the same list. */
export const RESTRICTED_ALLOWED_VOLUME_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
] as const;

/** Every other `VolumeSource` field, in the order of upstream's switch (it names the first one set). */
const RESTRICTED = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
] as const;

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** The restricted source a volume uses, or undefined when it is allowed (or defaults to emptyDir). */
export function restrictedVolumeSource(volume: Record<string, unknown>): string | undefined {
  for (const key of RESTRICTED_ALLOWED_VOLUME_SOURCES) if (isSet(volume[key])) return undefined;
  // The first set source in upstream's switch order names the type.
  for (const key of RESTRICTED) if (isSet(volume[key])) return key;
  return undefined;
}

function restrictedVolumes(pod: PodView): CheckOutcome | undefined {
  const volumes = pod.spec.volumes;
  if (!Array.isArray(volumes)) return undefined;
  let names: string[] | undefined;
  let types: string[] | undefined;
  let first = -1;
  let firstType = '';
  for (let i = 0; i < volumes.length; i++) {
    const volume = asRecord(volumes[i]);
    if (volume === undefined) continue;
    const type = restrictedVolumeSource(volume);
    if (type === undefined) continue;
    (names ??= []).push(stringField(volume, 'name'));
    (types ??= []).push(type);
    if (first < 0) {
      first = i;
      firstType = type;
    }
  }
  if (names === undefined) return undefined;
  const sortedTypes = sortedSet(types!);
  const detail = `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', sortedTypes.length)} ${joinQuote(sortedTypes)}`;
  return {
    reason: REASON,
    detail,
    items: [{ path: specPath(pod, 'volumes', first, firstType), reason: REASON, detail }],
  };
}

export const restrictedVolumesCheck: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  revisions: [{ minVersion: 0, evaluate: restrictedVolumes, overrides: ['hostPathVolumes'] }],
};
