import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitDocuments } from './parse.js';
import { helmTemplatesOf } from './render.js';

describe('helmTemplatesOf', () => {
  it("maps each document of helm template's output to the chart file it names", () => {
    // the shape of `helm template` output: a `# Source:` comment opens every document
    const output = [
      '---',
      '# Source: shop/templates/serviceaccount.yaml',
      'apiVersion: v1',
      'kind: ServiceAccount',
      'metadata: { name: web }',
      '---',
      '# Source: shop/charts/redis/templates/statefulset.yaml',
      '# another comment',
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: { name: redis }',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: no-source }',
      '# Source: shop/templates/late.yaml',
      '',
    ].join('\n');
    const documents = splitDocuments(output);
    expect(helmTemplatesOf(output, documents, 'deploy/chart')).toEqual([
      join('deploy/chart', 'templates/serviceaccount.yaml'),
      join('deploy/chart', 'charts/redis/templates/statefulset.yaml'),
      undefined, // a comment after the content does not count
    ]);
  });
});
