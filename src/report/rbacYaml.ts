/** The roles and bindings `kubeward rbac generate` writes: YAML documents, ready for `kubectl apply -f`. */
import { yamlLib } from '../load/yamlLib.js';
import type { GeneratedPolicy } from '../rbac/auditGenerate.js';
import { subjectText } from '../rbac/identity.js';

/** Each role followed by its binding, the ClusterRole first. */
function objectsOf(p: GeneratedPolicy): object[] {
  return [
    ...p.clusterRoles.flatMap((r, i) => [r, p.clusterRoleBindings[i]!]),
    ...p.roles.flatMap((r, i) => [r, p.roleBindings[i]!]),
  ];
}

/** `--format json`: one `List` of every object, as `kubectl apply -f` takes it. */
export function generatedListJson(policies: readonly GeneratedPolicy[]) {
  return { apiVersion: 'v1', kind: 'List', items: policies.flatMap(objectsOf) };
}

export function renderGeneratedYaml(policies: readonly GeneratedPolicy[]): string {
  const docs: string[] = [];
  for (const p of policies) {
    const head = `# ${subjectText(p.subject)}: ${p.requests} request${p.requests === 1 ? '' : 's'} of the audit log\n`;
    const objects = objectsOf(p);
    objects.forEach((o, i) => docs.push((i === 0 ? head : '') + yamlLib().stringify(o)));
  }
  return docs.map((d) => `---\n${d}`).join('');
}
