// Jest runs every suite: unit specs beside the code, integration (*.int-spec.ts) and
// end-to-end/reliability suites under test/. All talk to the project's real MariaDB and Redis
// (started by scripts/test.sh); see libs/testing for the per-worker database and queue prefix.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
// Packages that ship ESM only ("type": "module"), found at config time: swc compiles them to
// CommonJS for Jest (Node 20's require(esm) is not available inside Jest's module system).
const fs = require('node:fs');
const path = require('node:path');
function esmPackages() {
  const root = path.join(__dirname, 'node_modules');
  const found = [];
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const names = entry.startsWith('@') ? fs.readdirSync(path.join(root, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of names) {
      try {
        if (JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8')).type === 'module') found.push(name);
      } catch {
        /* not a package */
      }
    }
  }
  return found.map((n) => n.replace(/[.+]/g, '\\$&'));
}
const libs = ['core', 'db', 'queue', 'audit', 'storage', 'organisation', 'identity', 'correspondence', 'records', 'notification', 'disposition', 'worklist', 'testing'];
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  // Nest 12 and a few of its neighbours ship ESM only; let swc compile them to CommonJS for Jest.
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().join('|')})/)`],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((l) => [`^@naskah/${l}$`, `<rootDir>/libs/${l}/src/index.ts`])),
    // apps/web is an ES module package: its relative imports name the emitted file (`./x.js`) of a
    // TypeScript source (`./x.ts`); its pure modules' unit tests run here
    '^(\\.{1,2}/.*/libs/correspondence/src/.*)\\.js$': '$1',
  },

  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  setupFiles: ['<rootDir>/libs/testing/src/setup-env.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
