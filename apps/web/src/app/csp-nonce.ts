/**
 * The page's CSP nonce for styles. Ant Design 6 writes its component styles (CSS-in-JS) as <style>
 * elements at run time; the API answers index.html with a fresh random nonce in
 * `<meta name="csp-nonce">` and the same 'nonce-…' in style-src, so only style elements our own
 * scripts create apply ('unsafe-inline' is never needed; script-src stays 'self').
 *
 * antd passes the nonce on its own (ConfigProvider csp), but a few helpers below it create style
 * elements without one (e.g. the scrollbar measurement of tables and drawers): every <style> our
 * scripts insert gets the nonce here. This grants nothing more than the nonce already does — any
 * script of this page can read it — while markup injected into the page still cannot style it.
 */
const meta = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]');
export const cspNonce: string | undefined = meta?.content && !meta.content.startsWith('__') ? meta.content : undefined;

if (cspNonce) {
  const stamp = (node: Node) => {
    if (node instanceof HTMLStyleElement && !node.nonce) node.nonce = cspNonce;
  };
  const append = Node.prototype.appendChild;
  const insert = Node.prototype.insertBefore;
  Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    stamp(node);
    return append.call(this, node) as T;
  };
  Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    stamp(node);
    return insert.call(this, node, child) as T;
  };
}
