/**
 * A js-yaml schema that resolves plain scalars the way Kubernetes does.
 *
 * The API server and kubectl decode YAML with sigs.k8s.io/yaml, which uses go-yaml v2:
 * YAML 1.1 scalar rules (kubernetes/kubernetes#34146). So `privileged: yes` and
 * `hostNetwork: on` are booleans, `defaultMode: 0644` is octal 420, and `1_000` is
 * 1000. A YAML 1.2 parser reads the first two as strings — a scanner bypass.
 * The resolution table is go-yaml v2's `resolve.go`:
 *   true:  y Y yes Yes YES true True TRUE on On ON
 *   false: n N no No NO false False FALSE off Off OFF
 *   null:  ~ null Null NULL and the empty scalar
 *   int:   strconv.ParseInt(s without "_", base 0): decimal, 0x hex, 0o and leading-0 octal, 0b binary
 * Timestamps stay strings (go-yaml v2 only builds time values for time.Time targets).
 */
import * as yaml from 'js-yaml';

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

const bool11 = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && (TRUE.has(data) || FALSE.has(data)),
  construct: (data: string) => TRUE.has(data),
  predicate: (v: unknown) => typeof v === 'boolean',
  represent: { lowercase: (v: object) => (v ? 'true' : 'false') },
  defaultStyle: 'lowercase',
});

const INT11 = /^[-+]?(?:0b[01]+|0x[0-9a-fA-F]+|0o[0-7]+|0[0-7]+|[1-9][0-9]*|0)$/;

/** go-yaml v2's integer value of a plain scalar, or undefined when it is not an integer. */
export function parseYaml11Int(data: string): number | undefined {
  const plain = data.replace(/_/g, '');
  if (!INT11.test(plain)) return undefined;
  const neg = plain.startsWith('-');
  const body = plain.replace(/^[-+]/, '');
  let value: number;
  if (body.startsWith('0b')) value = parseInt(body.slice(2), 2);
  else if (body.startsWith('0x')) value = parseInt(body.slice(2), 16);
  else if (body.startsWith('0o')) value = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) value = parseInt(body.slice(1), 8);
  else value = parseInt(body, 10);
  return neg ? -value : value;
}

/** Plain scalars that can be numbers start with a digit, a sign or a dot; most (keys, names) do not, and skip the regexes. */
function mayBeNumber(data: string | null): data is string {
  if (data === null || data.length === 0) return false;
  const c = data.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 /* + */ || c === 45 /* - */ || c === 46; /* . */
}

const int11 = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => mayBeNumber(data) && parseYaml11Int(data) !== undefined,
  construct: (data: string) => parseYaml11Int(data),
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  represent: { decimal: (v: object) => (v as unknown as number).toString(10) },
  defaultStyle: 'decimal',
});

const baseFloat = yaml.types.float as unknown as {
  resolve: (data: string | null) => boolean;
  construct: (data: string) => unknown;
  predicate: (v: unknown) => boolean;
  represent: (v: object, style?: string) => string;
};

/** js-yaml's float, behind the same cheap first-character test (its resolver runs a regex on every plain scalar). */
const float = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => mayBeNumber(data) && baseFloat.resolve(data),
  construct: (data: string) => baseFloat.construct(data),
  predicate: (v: unknown) => baseFloat.predicate(v),
  represent: (v: object, style?: string) => baseFloat.represent(v, style),
  defaultStyle: 'lowercase',
});

/** The schema kubeward parses manifests with: failsafe + null, YAML 1.1 bool and int, float, merge keys. */
export const KUBERNETES_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [yaml.types.null, bool11, int11, float, yaml.types.merge],
});
