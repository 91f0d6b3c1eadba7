// The layers of DESIGN.md ("Architecture"), enforced by dependency-cruiser in `npm test`.
// A module may import from the tiers below its own, never from above; within a tier only where a
// layer's `uses` says so (DESIGN: graph/ uses rbac/ and netpol/). Rule families in
// src/policy/rules/<family>/ never import one another: they share through k8s/, an engine or policy/.
// Test files sit in their folder's layer; they may also import the test/ helpers.
// A folder or top-level file of src/ that is in no layer fails the check until it is placed here
// (and in DESIGN.md), so the list cannot drift from the tree.

/**
 * Bottom first; the layers of one tier do not import one another unless `uses` names them.
 * A name is a folder of src/, or a file at src/'s root when it ends in .ts (with its .test.ts).
 */
const tiers = [
  ['errors.ts'], // a leaf: every layer may import it, it imports nothing of src/
  ['k8s'],
  ['load'],
  ['model'],
  ['pss', 'rbac', 'netpol', { name: 'graph', uses: ['rbac', 'netpol'] }, 'cel', { name: 'vap', uses: ['cel', 'rbac'] }], // the engines
  ['fix'],
  ['policy'],
  ['scanThread.ts'], // what every thread of a scan does with its files (phases 1 and 3)
  ['scan.ts'],
  ['report'],
  ['history'], // findings kept across scans and audit cycles (SQLite, PostgreSQL); nothing below imports it
  ['admission', 'audit'], // the long-running shells: the webhook, the continuous cluster audit
  ['cli'],
  ['index.ts'],
];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const layerPath = (name) =>
  name.endsWith('.ts')
    ? `^src/${escapeRegExp(name.slice(0, -3))}(\\.test)?\\.ts$`
    : `^src/${escapeRegExp(name)}/`;

const layers = tiers.flatMap((tier, rank) =>
  tier.map((entry) => {
    const { name, uses = [] } = typeof entry === 'string' ? { name: entry } : entry;
    return { name, uses, rank, path: layerPath(name) };
  }),
);

const layerRules = layers.flatMap((layer) => {
  const above = layers.filter((other) => other.rank > layer.rank);
  const sideways = layers.filter(
    (other) => other.rank === layer.rank && other !== layer && !layer.uses.includes(other.name),
  );
  const rules = [];
  if (above.length > 0) {
    rules.push({
      name: `layer-${layer.name}`,
      severity: 'error',
      comment:
        `${layer.name} may not import from a layer above it (${above.map((l) => l.name).join(', ')}): ` +
        'imports run down the layers of DESIGN.md',
      from: { path: layer.path },
      to: { path: above.map((l) => l.path) },
    });
  }
  if (sideways.length > 0) {
    rules.push({
      name: `layer-${layer.name}-sideways`,
      severity: 'error',
      comment:
        `${layer.name} may not import from ${sideways.map((l) => l.name).join(', ')} (same tier of DESIGN.md)` +
        (layer.uses.length > 0 ? `; it uses only ${layer.uses.join(', ')}` : ''),
      from: { path: layer.path },
      to: { path: sideways.map((l) => l.path) },
    });
  }
  return rules;
});

const anyLayer = layers.map((l) => l.path);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'rule-family-sideways',
      severity: 'error',
      comment: 'a rule family may not import another family: share through k8s/, an engine or policy/',
      from: { path: '^src/policy/rules/([^/]+)/' },
      to: { path: '^src/policy/rules/[^/]+/', pathNot: '^src/policy/rules/$1/' },
    },
    {
      name: 'layer-unknown',
      severity: 'error',
      comment:
        'this module of src/ is in no layer: place it in the tiers of .dependency-cruiser.cjs and DESIGN.md',
      from: { path: '^src/', pathNot: anyLayer },
      to: {},
    },
    {
      name: 'layer-unknown-target',
      severity: 'error',
      comment:
        'the imported module of src/ is in no layer: place it in the tiers of .dependency-cruiser.cjs and DESIGN.md',
      from: {},
      to: { path: '^src/', pathNot: anyLayer },
    },
    {
      name: 'code-imports-tests',
      severity: 'error',
      comment: 'only test files import the test/ helpers, and no module imports a test file',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^test/', '\\.test\\.ts$'] },
    },
    {
      name: 'src-imports-outside',
      severity: 'error',
      comment:
        'src/ imports src/, packages and Node built-ins only (and its tests test/): not dist/, bench/ or scripts/',
      from: { path: '^src/' },
      to: { pathNot: '^(src|node_modules|test)/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'unresolvable',
      severity: 'error',
      comment: 'an import the check cannot resolve is an import it cannot check',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Followed no further, but imports of them are still seen (and src-imports-outside judges them).
    doNotFollow: { path: ['^node_modules/', '^dist/', '^bench/', '^scripts/'] },
    // Type-only imports are dependencies too: without this they vanish with the compiled-away types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Package subpath exports (@bufbuild/cel/ext) resolve as Node resolves them.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
