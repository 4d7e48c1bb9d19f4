import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ENUM_SOURCES, ERROR_MESSAGES } from '../../apps/web/src/labels';

/**
 * The web app's API client and labels stay in step with the API (issue 13):
 * - apps/web/src/api/{openapi.json,schema.d.ts} are what scripts/openapi.ts generates from the
 *   controllers and DTOs now (regenerated here and compared), so a changed endpoint fails until
 *   `npm run openapi` is run and the client compiles against it;
 * - every enum map in apps/web/src/labels.ts labels exactly the values of the OpenAPI enum it names;
 * - every error code with an Indonesian message is a code the server can send (a typo such as
 *   CHILDREN_OPEN for OPEN_CHILDREN would otherwise never be shown).
 */
const ROOT = join(__dirname, '..', '..');
const API_DIR = join(ROOT, 'apps', 'web', 'src', 'api');
const doc = JSON.parse(readFileSync(join(API_DIR, 'openapi.json'), 'utf8'));

/** 'paths./api/inbox.get.parameters[urgency]' or 'components.schemas.X.properties.y(.items)' → the enum there. */
function enumAt(pointer: string): string[] {
  const m = /^paths\.(\S+?)\.(get|post|patch|put|delete)\.parameters\[(\w+)\]$/.exec(pointer);
  if (m) {
    const p = (doc.paths[m[1]]?.[m[2]]?.parameters ?? []).find((x: { name: string }) => x.name === m[3]);
    return p?.schema?.enum ?? [];
  }
  let node: any = doc;
  for (const key of pointer.split('.')) node = node?.[key];
  return node?.enum ?? [];
}

describe('web client and labels against the API', () => {
  it('the committed OpenAPI document and client types are what the API generates now', () => {
    const out = join(ROOT, '.data', 'test', 'openapi-check');
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/openapi.ts', '--out', out], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
    const stale = ['openapi.json', 'schema.d.ts'].filter((f) => readFileSync(join(out, f), 'utf8') !== readFileSync(join(API_DIR, f), 'utf8'));
    if (stale.length) throw new Error(`apps/web/src/api/${stale.join(', ')} out of date: run \`npm run openapi\` and commit the result`);
  }, 180_000);

  it.each(ENUM_SOURCES.map((e) => [e.name, e] as const))('labels every value of the OpenAPI enum %s, and only those', (_name, e) => {
    const values = enumAt(e.openapi);
    expect(values.length).toBeGreaterThan(0);
    expect(Object.keys(e.map).sort()).toEqual([...values].sort());
    for (const v of values) expect(e.map[v].trim()).not.toBe('');
  });

  it('has messages only for error codes the server sends', () => {
    const sources = execFileSync('grep', ['-rhoE', "'[A-Z][A-Z_]+'", 'libs', 'apps/api/src', '--include=*.ts'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const known = new Set(sources.split('\n').map((s) => s.replace(/'/g, '')));
    const unknown = Object.keys(ERROR_MESSAGES).filter((code) => !known.has(code));
    expect(unknown).toEqual([]);
  });
});
