import { describe, expect, it } from 'vitest';
import { Inventory } from '../k8s/inventory.js';
import { parseManifestText } from '../load/parse.js';
import { planPodSecurity, type LineOf } from '../pss/plan.js';
import { LATEST } from '../pss/version.js';
import { renderPssPlanMarkdown, renderPssPlanText } from './pssPlan.js';

const YAML = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {pod-security.kubernetes.io/enforce: restricted}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: monitoring}
spec:
  hostPID: true
  containers: [{name: agent, image: agent}]
`;

const parsed = parseManifestText(YAML, 'app.yaml');
const plan = planPodSecurity(new Inventory(parsed.resources), LATEST);
// The line of `kind:` of each workload, as `pss plan` shows it (its locator finds them).
const KIND_LINES: Record<string, number> = { web: 8, agent: 16 };
const kindLine: LineOf = (b) => KIND_LINES[b.resource.name] ?? 0;

describe('pss plan renderers', () => {
  it('text: an aligned table, then what blocks each next level, with file:line', () => {
    expect(parsed.errors).toEqual([]);
    expect(renderPssPlanText(plan, false, kindLine)).toBe(
      [
        'Pod Security Standards roll-out plan (policy version latest)',
        '',
        'NAMESPACE   WORKLOADS  ENFORCE LABEL          STRICTEST OK  BLOCKING NEXT LEVEL     ACTION',
        'monitoring  1          (no Namespace object)  privileged    baseline: 1 workload    label enforce=privileged',
        'shop        1          restricted:latest      baseline      restricted: 1 workload  current label rejects workloads; fix them or relax to baseline',
        '',
        'monitoring: baseline is blocked by',
        '  Pod monitoring/agent  app.yaml:16',
        '    hostNamespaces  host namespaces (hostPID=true)',
        '',
        'shop: restricted is blocked by',
        '  Deployment shop/web  app.yaml:8',
        '    allowPrivilegeEscalation   allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false)',
        '    capabilities_restricted    unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"])',
        '    runAsNonRoot               runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)',
        '    seccompProfile_restricted  seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
        '',
      ].join('\n'),
    );
  });

  it('text without a line function shows the line of the document (its `---`)', () => {
    expect(renderPssPlanText(plan, false)).toContain('  Pod monitoring/agent  app.yaml:14\n');
  });

  it('text colours levels only when asked to', () => {
    expect(renderPssPlanText(plan, true, kindLine)).toContain('\u001b[31mprivileged');
    expect(renderPssPlanText(plan, false, kindLine)).not.toContain('\u001b[');
  });

  it('markdown: a table for pull requests and a folded list of blockers per namespace', () => {
    expect(renderPssPlanMarkdown(plan, kindLine)).toBe(
      [
        '## Pod Security Standards roll-out plan (policy version `latest`)',
        '',
        '| Namespace | Workloads | Enforce label | Strictest level admitting all | Blocking the next level | Action |',
        '| --- | ---: | --- | --- | --- | --- |',
        '| `monitoring` | 1 | (no Namespace object) | **privileged** | baseline: 1 workload | label enforce=privileged |',
        '| `shop` | 1 | `restricted:latest` | **baseline** | restricted: 1 workload | current label rejects workloads; fix them or relax to baseline |',
        '',
        '<details><summary><code>monitoring</code>: what blocks <b>baseline</b></summary>',
        '',
        '- `Pod monitoring/agent` (`app.yaml:16`)',
        '  - `hostNamespaces`: host namespaces (hostPID=true)',
        '',
        '</details>',
        '',
        '<details><summary><code>shop</code>: what blocks <b>restricted</b></summary>',
        '',
        '- `Deployment shop/web` (`app.yaml:8`)',
        '  - `allowPrivilegeEscalation`: allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false)',
        '  - `capabilities_restricted`: unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"])',
        '  - `runAsNonRoot`: runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)',
        '  - `seccompProfile_restricted`: seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('says so when the input has no namespaces', () => {
    const empty = planPodSecurity(new Inventory([]), LATEST);
    expect(renderPssPlanText(empty, false)).toBe(
      'Pod Security Standards roll-out plan (policy version latest)\n\nno namespaces in the input\n',
    );
    expect(renderPssPlanMarkdown(empty)).toBe(
      '## Pod Security Standards roll-out plan (policy version `latest`)\n\nNo namespaces in the input.\n',
    );
  });
});
