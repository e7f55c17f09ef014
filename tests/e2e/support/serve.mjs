// A plain static file server for the built app: what any static host does, nothing more.
// Serves ROOT under PREFIX on 127.0.0.1 and logs every request as one JSON line on stdout,
// so tests can compare what the browser fetched with what the server saw.
//
// Like GitLab Pages and nginx's gzip_static/brotli_static, it sends `file.br` or `file.gz`
// instead of `file` when the request accepts that encoding and the sibling exists, so every
// figure measured against it is what users get. The siblings themselves are not served.
//
//   node tests/e2e/support/serve.mjs --root dist --prefix /tools/auth/ --port 8080
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { parseArgs } from "node:util";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

export function createStaticServer({ root, prefix = "/", headers = {} }) {
  const base = resolve(root);
  return createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    // One line per request, with the body's bytes as sent (make bench sums them).
    res.on("finish", () => console.log(JSON.stringify({ method: req.method, path: url.pathname, search: url.search, status: res.statusCode, bytes: res.bodyBytes ?? 0 })));
    const end = res.end.bind(res);
    res.end = (body, ...rest) => {
      res.bodyBytes = body ? Buffer.byteLength(body) : 0;
      return end(body, ...rest);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed");
    if (url.pathname + "/" === prefix) {
      res.writeHead(301, { location: prefix });
      return res.end();
    }
    if (!url.pathname.startsWith(prefix)) return send(res, 404, "not found");
    let relative = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
    if (relative.endsWith("/")) relative += "index.html";
    const file = normalize(join(base, relative));
    if (!file.startsWith(base)) return send(res, 403, "forbidden");
    if (file.endsWith(".br") || file.endsWith(".gz")) return send(res, 404, "not found");
    try {
      if (!(await stat(file)).isFile()) return send(res, 404, "not found");
      const { body, encoding } = await negotiate(file, req.headers["accept-encoding"] ?? "");
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-cache",
        vary: "accept-encoding",
        ...(encoding ? { "content-encoding": encoding } : {}),
        ...headers,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      send(res, 404, "not found");
    }
  });
}

/** The precompressed sibling the client accepts (brotli first), else the file itself. */
async function negotiate(file, acceptEncoding) {
  const accepted = new Set(
    acceptEncoding
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
      .map(([name]) => name.trim().toLowerCase()),
  );
  for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (!accepted.has(encoding)) continue;
    try {
      return { body: await readFile(file + suffix), encoding };
    } catch {
      // no sibling: try the next encoding
    }
  }
  return { body: await readFile(file), encoding: null };
}

function send(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain" });
  res.end(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      root: { type: "string", default: "dist" },
      prefix: { type: "string", default: "/" },
      port: { type: "string", default: "8080" },
      header: { type: "string", multiple: true, default: [] },
    },
  });
  const headers = Object.fromEntries(values.header.map((h) => h.split(/:\s*/, 2)));
  const server = createStaticServer({ root: values.root, prefix: values.prefix, headers });
  server.listen(Number(values.port), "127.0.0.1", () => {
    const { port } = server.address();
    console.error(`serving ${values.root} at http://127.0.0.1:${port}${values.prefix}`);
    console.log(JSON.stringify({ listening: port }));
  });
}
