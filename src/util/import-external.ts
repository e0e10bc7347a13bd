// Imports a module that is not part of plinth's bundle: the optional sql.js peer, a JavaScript
// config file the user named. bin/plinth.js runs the CLI bundle as a vm.Script (for its code
// cache), where an import() expression needs a host callback that Node 20 only has behind a flag
// or with a warning; the bin hands its own import() over as __plinthImport instead. Everywhere
// else (the library, tests, Node's own loader) this is import().
type Importer = (specifier: string) => Promise<unknown>;

export function importExternal(specifier: string): Promise<unknown> {
  const host = (globalThis as { __plinthImport?: Importer }).__plinthImport;
  return host ? host(specifier) : import(specifier);
}
