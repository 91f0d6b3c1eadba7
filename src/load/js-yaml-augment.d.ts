// js-yaml 4.3 features that @types/js-yaml 4.0.9 does not describe yet.
import 'js-yaml';

declare module 'js-yaml' {
  interface LoadOptions {
    /** Deepest nesting before a YAMLException (js-yaml ≥ 4.2; default 100). */
    maxDepth?: number;
    /** Most merge keys (`<<`) in one load (js-yaml ≥ 4.2; default 10,000). */
    maxTotalMergeKeys?: number;
  }
  export const types: {
    readonly null: Type;
    readonly bool: Type;
    readonly int: Type;
    readonly float: Type;
    readonly merge: Type;
    readonly timestamp: Type;
    readonly str: Type;
    readonly seq: Type;
    readonly map: Type;
  };
}
