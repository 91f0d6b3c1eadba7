// The Kubernetes format library (k8s.io/apiserver/pkg/cel/library/format.go): format.<name>() and
// format.named(name) return a Format; Format.validate(s) returns optional.none() when s is valid, else an
// optional list of the messages k8s.io/apimachinery/pkg/util/validation writes.
import { celFunc, celList, celMethod, CelScalar } from '@bufbuild/cel';
import type { CelFunc, CelValue } from '@bufbuild/cel';
import { OPAQUE, Opaque, payloadOf } from './opaque.js';
import { optionalNone, optionalOf } from './optional.js';
import { parseUrl } from './url.js';

const TYPE = 'kubernetes.NamedFormat';

const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const subdomain = `${label}(\\.${label})*`;
const dns1035 = '[a-z]([-a-z0-9]*[a-z0-9])?';
const qualifiedNamePart = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);
const maxLength = (s: string, n: number): string[] => (s.length > n ? [`must be no more than ${n} characters`] : []);

function dns1123Label(s: string): string[] {
  return [
    ...maxLength(s, 63),
    ...(whole(label).test(s)
      ? []
      : [`a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${label}')`]),
  ];
}

function dns1123Subdomain(s: string): string[] {
  return [
    ...maxLength(s, 253),
    ...(whole(subdomain).test(s)
      ? []
      : [`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${subdomain}')`]),
  ];
}

function dns1035Label(s: string): string[] {
  return [
    ...maxLength(s, 63),
    ...(whole(dns1035).test(s)
      ? []
      : [`a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${dns1035}')`]),
  ];
}

/** validation.IsQualifiedName. */
function qualifiedName(s: string): string[] {
  const parts = s.split('/');
  const name = parts.length === 2 ? (parts[1] ?? '') : s;
  const errors: string[] = [];
  if (parts.length > 2) {
    return [`a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${qualifiedNamePart}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') errors.push('prefix part must be non-empty');
    else errors.push(...dns1123Subdomain(prefix).map((e) => `prefix part ${e}`));
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push('name part must be no more than 63 characters');
  if (name !== '' && !whole(qualifiedNamePart).test(name)) {
    errors.push(`name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${qualifiedNamePart}')`);
  }
  return errors;
}

function labelValue(s: string): string[] {
  return [
    ...maxLength(s, 63),
    ...(whole(`(${qualifiedNamePart})?`).test(s)
      ? []
      : [`a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(${qualifiedNamePart})?')`]),
  ];
}

/** The *Prefix formats validate a generateName prefix: a trailing '-' is allowed (format.go maskTrailingDash). */
const prefixed = (validate: (s: string) => string[]) => (s: string) => validate(s.length > 1 && s.endsWith('-') ? s.slice(0, -1) : s);

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const formats: Record<string, (s: string) => string[]> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  qualifiedName,
  dns1123LabelPrefix: prefixed(dns1123Label),
  dns1123SubdomainPrefix: prefixed(dns1123Subdomain),
  dns1035LabelPrefix: prefixed(dns1035Label),
  labelValue,
  uri: (s) => (parseUrl(s) === undefined ? ['invalid URI'] : []),
  uuid: (s) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) ? [] : ['does not match the UUID format']),
  byte: (s) => (/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s) ? [] : ['invalid base64']),
  date: (s) => (validDate(s) ? [] : ['invalid date']),
  datetime: (s) => {
    const m = /^(\d{4}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(s);
    return m && validDate(m[1] ?? '') && !Number.isNaN(Date.parse(s)) ? [] : ['invalid datetime'];
  },
};

const formatValue = (name: string): CelValue => new Opaque(TYPE, name, name).cel();

export const formatFunctions: CelFunc[] = [
  ...Object.keys(formats).map((name) => celFunc(`format.${name}`, [], CelScalar.DYN, () => formatValue(name))),
  celFunc('format.named', [CelScalar.STRING], CelScalar.DYN, (name) => (name in formats ? optionalOf(formatValue(name)) : optionalNone)),
  celMethod('validate', OPAQUE, [CelScalar.STRING], CelScalar.DYN, function (text) {
    const name = payloadOf<string>(this, TYPE, 'validate');
    const errors = formats[name]?.(text) ?? [];
    return errors.length === 0 ? optionalNone : optionalOf(celList(errors));
  }),
];
