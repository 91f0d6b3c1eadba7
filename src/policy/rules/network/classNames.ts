/** The workloads of pod classes as messages name them: `shop/web[Deployment], shop/api[Deployment] and 3 more`. */
import { workloadName } from '../../../netpol/model.js';
import type { PodClass } from '../../../netpol/podClasses.js';

const NAMED = 3;

export function classNames(classes: readonly PodClass[]): string {
  const names = classes.flatMap((c) => c.workloads.map((w) => workloadName(w.ref)));
  const shown = names.slice(0, NAMED).join(', ');
  return names.length > NAMED ? `${shown} and ${names.length - NAMED} more` : shown;
}
