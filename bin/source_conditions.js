// A module resolution hook (https://nodejs.org/api/module.html#customization-hooks): resolves
// with the `knooppunt-source` export condition, so the workspace packages @knooppunt/standard
// and @knooppunt/sdk load from their TypeScript sources (through tsx) when the command runs from
// a clone — the same as `node --conditions=knooppunt-source`, which a bin cannot pass itself.
// Published packages resolve to their build (`dist/`) and never see this condition.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('knooppunt-source')
    ? context.conditions
    : [...context.conditions, 'knooppunt-source'];
  return nextResolve(specifier, { ...context, conditions });
}
