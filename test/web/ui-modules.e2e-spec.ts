import { spawnSync } from 'node:child_process';
import { Http, startApi } from '@naskah/testing';

/**
 * The previous web UI (served under /lama/ until part 2 of issue 13 replaces its disposition and
 * records screens; its composing, reviewing, signing, sending and registering screens are gone, the
 * new app has them) has no build step: the browser loads index.html, then app.js and, through `import`
 * statements, every other module. A missing file, a module that does not parse, or a named import
 * its module does not export breaks the whole UI at load time; this suite finds each through the
 * real API's static file server.
 */

type Served = { url: string; source: string; contentType: string };

/** Static `import … from '…'`, `export … from '…'` and `import('…')` specifiers, with the named imports of each. */
function importsOf(source: string): { spec: string; names: string[] }[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: { spec: string; names: string[] }[] = [];
  const stat = /(?:^|[;\n])\s*(?:import|export)\s+([\w$\s{},*]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (let m = stat.exec(code); m; m = stat.exec(code)) {
    const clause = m[1];
    const braces = clause.match(/\{([\s\S]*)\}/);
    const names = braces ? braces[1].split(',').map((s) => s.trim().split(/\s+as\s+/)[0]).filter(Boolean) : [];
    out.push({ spec: m[2], names });
  }
  const bare = /(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g;
  for (let m = bare.exec(code); m; m = bare.exec(code)) out.push({ spec: m[1], names: [] });
  const dynamic = /import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = dynamic.exec(code); m; m = dynamic.exec(code)) out.push({ spec: m[1], names: [] });
  return out;
}

/** Names a module exports (declarations and export lists). */
function exportsOf(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  return names;
}

/** V8's own parse of the file as an ES module (what `node --check` does), without running it. */
function parseError(source: string): string | null {
  const res = spawnSync(process.execPath, ['--check', '--input-type=module'], { input: source, encoding: 'utf8' });
  return res.status === 0 ? null : (res.stderr || `exit ${res.status}`).split('\n').slice(0, 5).join('\n');
}

describe('web UI modules served by the API', () => {
  let http: Http;
  const served = new Map<string, Served>();
  const pages = ['/lama/', '/lama/verifikasi.html'];

  async function fetchText(url: string): Promise<Served> {
    const res = await http.request('GET', url);
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    return { url, source: String(typeof res.body === 'string' ? res.body : JSON.stringify(res.body)), contentType: String(res.headers['content-type'] ?? '') };
  }

  /** Follows the module graph from each page's <script type="module"> entries. */
  async function crawl(): Promise<{ graph: Map<string, { spec: string; names: string[]; url: string }[]>; missing: string[] }> {
    const graph = new Map<string, { spec: string; names: string[]; url: string }[]>();
    const missing: string[] = [];
    const queue: string[] = [];
    for (const p of pages) {
      const html = await fetchText(p);
      expect(html.contentType).toMatch(/^text\/html/);
      const entries = [...html.source.matchAll(/<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/g)].map((m) => new URL(m[1], `http://ui${p}`).pathname);
      expect(entries.length).toBeGreaterThan(0);
      queue.push(...entries);
    }
    while (queue.length) {
      const url = queue.shift()!;
      if (served.has(url) || missing.includes(url)) continue;
      let file: Served;
      try {
        file = await fetchText(url);
      } catch (e) {
        missing.push((e as Error).message);
        continue;
      }
      served.set(url, file);
      const deps = importsOf(file.source).map((d) => ({ ...d, url: new URL(d.spec, `http://ui${url}`).pathname }));
      graph.set(url, deps);
      for (const d of deps) queue.push(d.url);
    }
    return { graph, missing };
  }

  let graph: Map<string, { spec: string; names: string[]; url: string }[]>;
  beforeAll(async () => {
    http = await startApi();
    const res = await crawl();
    graph = res.graph;
    expect(res.missing).toEqual([]);
  });
  afterAll(() => http.close());

  it('finds the whole UI through the imports, including the disposition, notification and records views', () => {
    const urls = [...served.keys()];
    expect(urls).toEqual(expect.arrayContaining([
      '/lama/app.js', '/lama/api.js', '/lama/shell.js', '/lama/state.js', '/lama/ui.js', '/lama/live.js', '/lama/verifikasi.js',
      '/lama/views/dispositions.js', '/lama/views/disposition-detail.js', '/lama/views/disposition-form.js', '/lama/views/notifications.js',
      '/lama/views/records.js', '/lama/views/proposals.js', '/lama/views/holds.js', '/lama/views/schedule.js',
    ]));
    expect(urls.length).toBeGreaterThanOrEqual(17);
  });

  it('no longer has the screens the new app replaced (compose, letter review/sign/send, outbox); its links lead to the new app', async () => {
    for (const gone of ['/lama/views/draft-form.js', '/lama/views/letter-detail.js', '/lama/views/outbox.js']) {
      expect([gone, served.has(gone)]).toEqual([gone, false]);
      expect([gone, (await http.request('GET', gone)).status]).toEqual([gone, 404]);
    }
    const sources = [...served.values()].map((f) => `${f.url}\n${f.source}`).join('\n');
    // no hash link to a removed route: letters open at /naskah/:id, drafts at /naskah/:id/ubah of the new app
    expect(sources.match(/['"`]#\/(naskah\/\$\{[^}]+\}(\/ubah)?['"`]|buat\b|kotak-keluar)/g)).toBeNull();
    const index = (await http.request('GET', '/lama/')).body as string;
    expect(index).toContain('href="/naskah/baru"');
    expect(index).toContain('href="/naskah-keluar"');
  });

  it('serves every module with a JavaScript content type', () => {
    const wrong = [...served.values()].filter((f) => !/^(text|application)\/javascript\b/.test(f.contentType)).map((f) => `${f.url}: ${f.contentType}`);
    expect(wrong).toEqual([]);
  });

  it('every module parses as an ES module', () => {
    const broken = [...served.values()].map((f) => ({ url: f.url, error: parseError(f.source) })).filter((x) => x.error);
    expect(broken).toEqual([]);
  });

  it('every named import is exported by the module it comes from', () => {
    const problems: string[] = [];
    for (const [from, deps] of graph) {
      for (const d of deps) {
        const target = served.get(d.url);
        if (!target) continue;
        const exported = exportsOf(target.source);
        for (const name of d.names) if (!exported.has(name)) problems.push(`${from} imports { ${name} } from ${d.spec}, which does not export it`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('loads nothing from another origin (no CDN): imports, scripts and stylesheets are same-origin paths', async () => {
    const external = [...graph.values()].flat().filter((d) => /^(https?:)?\/\//.test(d.spec)).map((d) => d.spec);
    for (const p of pages) {
      const html = await fetchText(p);
      for (const m of html.source.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)=["']((?:https?:)?\/\/[^"']+)["']/g)) external.push(m[1]);
    }
    expect(external).toEqual([]);
    const css = await fetchText('/lama/style.css');
    expect(css.contentType).toMatch(/^text\/css/);
    expect(css.source).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//);
  });
});
