
// ------------------------------------------------------------------------------------------------
// HTTP client for a child API

export interface HttpResult {
  status: number; // 0: no answer (connection refused / reset / timeout)
  body: any;
  headers: Headers | null;
  error?: string;
}

export class ApiClient {
  private readonly tokens = new Map<string, string>();
  constructor(public baseUrl: string) {}

  async request(method: string, path: string, opts: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Buffer | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    try {
      const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      return { status: 0, body: null, headers: null, error: e.cause?.code ?? e.cause?.message ?? e.message };
    }
  }

  async login(username: string, password = 'Naskah#2026'): Promise<string> {
    const hit = this.tokens.get(username);
    if (hit) return hit;
    const res = await this.request('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body ?? res.error)}`);
    this.tokens.set(username, res.body.accessToken);
    return res.body.accessToken;
  }
}

