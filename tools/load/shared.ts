// The generators shared by the demo seed and the load seed live in src/seed/shared.ts (product code
// may not import tools/): this name stays for the tests and benches that import it.
export * from '../../src/seed/shared.ts';
