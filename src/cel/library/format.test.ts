import { describe, expect, it } from 'vitest';
import { evalCel } from '../../../test/celEval.js';

// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-format-library (the documentation's
// examples use `self`; VAP's `object` stands in for it here), and the optional functions they rely on.
const label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const cases: [string, Record<string, unknown>, unknown][] = [
  ['!format.dns1123Label().validate(object.metadata.name).hasValue()', { object: { metadata: { name: 'web-1' } } }, true],
  ['!format.dns1123Label().validate(object.metadata.name).hasValue()', { object: { metadata: { name: 'Web_1' } } }, false],
  ['format.dns1123Label().validate(object.metadata.name).orValue([]).join("\\n")', { object: { metadata: { name: 'web' } } }, ''],
  ['format.dns1123Label().validate(object.metadata.name).orValue([]).join("\\n")', { object: { metadata: { name: 'Web' } } }, label],
  ["format.named('dns1123Label').hasValue()", {}, true],
  ["format.named('nope').hasValue()", {}, false],
  ["format.named('labelValue').value().validate(object.v).value()", { object: { v: 'a'.repeat(64) } }, ['must be no more than 63 characters']],
  ["format.dns1123Subdomain().validate('example.com').hasValue()", {}, false],
  ["format.dns1035Label().validate('1abc').hasValue()", {}, true],
  ["format.qualifiedName().validate('example.com/MyName').hasValue()", {}, false],
  ["format.qualifiedName().validate('/MyName').value()", {}, ['prefix part must be non-empty']],
  ["format.dns1123LabelPrefix().validate('web-').hasValue()", {}, false],
  ["format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()", {}, false],
  ["format.date().validate('2024-02-30').hasValue()", {}, true],
  ["format.datetime().validate('2024-02-01T10:00:00Z').hasValue()", {}, false],
  ["format.byte().validate('aGVsbG8=').hasValue()", {}, false],
  ["format.uri().validate('../x').value()", {}, ['invalid URI']],
  ['optional.of(1).orValue(2)', {}, 1],
  ['optional.none().orValue(2)', {}, 2],
  ["optional.ofNonZeroValue('').hasValue()", {}, false],
  ['optional.none().or(optional.of(3)).value()', {}, 3],
  ['optional.none().value()', {}, { error: 'optional.none() dereference' }],
];

describe('Kubernetes format library and optional values', () => {
  it.each(cases)('%s with %j is %j', (expression, bindings, expected) => {
    expect(evalCel(expression, bindings)).toEqual(expected);
  });
});
