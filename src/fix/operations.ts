/**
 * Fixes as data: what to change in one Kubernetes object (a field path and an operation),
 * independent of which rule asked for it. The rules' side — which finding offers which fix —
 * is declared in src/policy/fixCatalog.ts; this layer only turns operations into text edits.
 */
import type { FieldPath } from '../k8s/fieldPath.js';

/** A value a fix writes: what JSON can hold. */
export type FixValue =
  string | number | boolean | null | readonly FixValue[] | { readonly [key: string]: FixValue };

export type FixOperation =
  /**
   * Make the field at `path` hold `value`, creating the maps on the way. A field that holds it
   * already is left as it is; `comment` goes at the end of each line of scalars it writes.
   */
  | {
      readonly kind: 'set';
      readonly path: FieldPath;
      readonly value: FixValue;
      readonly comment?: string;
    }
  /** Make the list at `path` contain `item` (creating the list, as `[item]`, when it is missing). */
  | { readonly kind: 'addToList'; readonly path: FieldPath; readonly item: string };

/** What a finding offers: edits to apply, or a suggestion the user must decide. */
export type FixProposal =
  | {
      readonly kind: 'edit';
      /** One line for people: `set allowPrivilegeEscalation: false on container "web"`. */
      readonly title: string;
      readonly operations: readonly FixOperation[];
      /** Whole new objects that go into the same file, after the existing documents (a ServiceAccount). */
      readonly newDocuments?: readonly NewDocument[];
    }
  | {
      /** NetworkPolicies for a namespace, in a new file beside its manifests (src/netpol synthesis). */
      readonly kind: 'network-policies';
      readonly title: string;
      readonly namespace: string;
    }
  | {
      readonly kind: 'suggestion';
      readonly title: string;
      /** Why it is not applied: the behaviour the user must decide on. */
      readonly reason: string;
    };

export interface NewDocument {
  /** Identity, so two fixes that want the same object add it once: `ServiceAccount/shop/cart`. */
  readonly key: string;
  readonly value: { readonly [key: string]: FixValue };
}
