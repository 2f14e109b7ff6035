// The seeds' search vectors live in src/seed/search-vectors.ts (the demo seed uses them and product
// code may not import tools/): this name stays for the tests and benches that import it.
export * from '../../src/seed/search-vectors.ts';
