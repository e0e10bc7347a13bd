// The layer order of src/ (docs/architecture.md), checked by `npm test` (npm run deps): a module may
// import from its own layer's folders or lower ones, never higher, and nothing may form a circle.
const LAYERS = [
  ['types.ts', 'util'],
  ['dockerfile', 'reference', 'fix'],
  ['catalog', 'config'],
  ['registry', 'image', 'context', 'vulndb'],
  ['facts'],
  ['advisor'],
  ['rules'],
  ['lint'],
  ['pin', 'recommend', 'vulns', 'update', 'fleet'],
  ['report'],
  ['cli'],
  ['index.ts'],
];
const path = (names) => `^src/(${names.map((n) => n.replace('.', '\\.')).join('|')})($|/)`;
const forbidden = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${i}-${layer.join('-')}`,
  comment: `${layer.join(', ')} may not import from a higher layer (${LAYERS.slice(i + 1).flat().join(', ')})`,
  severity: 'error',
  from: { path: path(layer) },
  to: { path: path(LAYERS.slice(i + 1).flat()) },
}));
module.exports = {
  forbidden: [
    ...forbidden,
    {
      name: 'no-circular',
      comment: 'modules import each other in a circle',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'rules-take-the-decision',
      comment: 'rules read the advisor decision from their context; they never call the advisor',
      severity: 'error',
      from: { path: '^src/rules/' },
      to: { path: '^src/advisor/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-computed-import',
      comment: 'import() of a computed path hides an arrow from this check and from the type checker',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['unknown', 'undetermined'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
