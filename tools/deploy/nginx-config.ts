import { retirementOf, type PortalConfig, type SiteRecord } from "../core/records.ts";
import type { Base } from "../published/site-origin.ts";
import { archivePrefix, retiredUnitUrl } from "../published/permalinks.ts";
import { accentCssHash } from "../generator/inline-style.ts";

/**
 * The nginx configuration that serves every deployed site from `<root>/<slug>/current/`, generated
 * from portal.json and the registry, to be included at nginx's `http` level.
 *
 * - `<slug>.<domain>` serves that unit; the apex and `www` serve the hub. Any other host gets a
 *   404 from a server of its own, never a site: a unit's content cannot appear on another's name.
 * - Headers are set once per server from maps (an `add_header` inside a location would silently
 *   drop the server's), with `always`, so 404s carry them too.
 */
export interface NginxOptions {
  portal: PortalConfig;
  sites: SiteRecord[];
  /** The deploy target's folder on the server (holds <slug>/current). */
  root: string;
  /** Where the sites are served; its host is the apex, its protocol decides TLS-only headers. */
  base: Base;
  /** nginx `listen` parameter: "80", "127.0.0.1:8081"... (default: 443 with TLS, else 80). */
  listen?: string;
  tls?: { certificate: string; key: string };
  /** With TLS: where plain HTTP is answered with a redirect to HTTPS (default: 80). */
  httpListen?: string;
  /**
   * Serve precompressed .br files (needs a brotli_static module). Debian 12's
   * libnginx-mod-http-brotli-static (ngx_brotli 1.0.0~rc) miscounts a file's path length, which
   * only matters with disable_symlinks (always on here): it then declines and nginx sends the
   * .gz file instead. Newer ngx_brotli builds serve .br.
   */
  brotli: boolean;
  /**
   * Retired units (`readRetired`): each name answers with a permanent redirect to the hub's page
   * about the unit, so a subdomain people still link to never dangles or serves anything else.
   */
  retired?: SiteRecord[];
  /** The editors' gateway (tools/gateway/), e.g. 127.0.0.1:8790: served at /admin/api/ of every site. */
  gateway?: string;
}

const quote = (value: string) => `"${value.replace(/(["\\])/g, "\\$1")}"`;

export function nginxConfig(options: NginxOptions): string {
  const { portal, base } = options;
  const apexHost = base.apex.replace(/:\d+$/, "");
  const scheme = base.protocol.replace(":", "");
  const sites = options.sites.filter((s) => s.status === "active" || s.slug === portal.hub);
  // Every name served, and its site: the hub on the apex and www, each unit on its subdomain.
  const hosts = sites.flatMap((s) =>
    s.slug === portal.hub
      ? [
          [apexHost, s.slug],
          [`www.${apexHost}`, s.slug],
        ]
      : [[`${s.slug}.${apexHost}`, s.slug]],
  );
  const hub = `${scheme}://${base.apex}`;
  const units = `${scheme}://*.${base.apex}`;
  const root = options.root.replace(/\/$/, "");
  const listen = options.listen ?? (options.tls ? "443" : "80");
  // `listen … http2`, not `http2 on;`: the directive is nginx 1.25.1+, and Debian 12 ships 1.22,
  // Ubuntu 24.04 1.24 (newer nginx only warns about this form).
  const listenFlags = options.tls ? " ssl http2" : "";
  // A bare port listens on IPv4 and IPv6 alike; an address (127.0.0.1:8081) only there.
  const listenOn = (address: string, flags: string) => [
    `    listen ${address}${flags};`,
    ...(/^\d+$/.test(address) ? [`    listen [::]:${address}${flags};`] : []),
  ];

  // What the sites' pages may load. The hub's search fetches every unit's index (connect-src) and
  // shows units' logos (img-src); Pagefind compiles WebAssembly ('wasm-unsafe-eval') and may run
  // a worker. The only inline code is the accent stylesheet, allowed by its hash per site.
  const siteCsp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' $portal_style",
    `img-src 'self' data: ${hub} ${units}`,
    `connect-src 'self' ${hub} ${units}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    `form-action 'self' ${hub}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
    ...(options.tls ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  // Decap CMS: its bundle evaluates code and injects styles at run time, shows uploads from blob:
  // URLs and talks to the Git host's API. Only /admin/, which shows no visitor's content.
  const gitApi = cmsApiOrigins(portal);
  const adminCsp = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${[hub, units, ...gitApi.images].join(" ")}`,
    `connect-src 'self' blob: ${gitApi.connect.join(" ")}`.trim(),
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "font-src 'self' data:",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");

  const headers = [
    "add_header Content-Security-Policy $portal_csp always;",
    "add_header Cache-Control $portal_cache_control always;",
    "add_header Access-Control-Allow-Origin $portal_cors always;",
    "add_header X-Content-Type-Options nosniff always;",
    "add_header Referrer-Policy strict-origin-when-cross-origin always;",
    'add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" always;',
    'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
    "add_header X-Frame-Options SAMEORIGIN always;",
  ].map((line) => `    ${line}`);

  const lines = [
    "# Portal Terpadu: generated by `npm run nginx-config` from portal.json and sites/*/site.json.",
    "# Do not edit; generate again when a unit is added. Include it at nginx's http level.",
    "",
    "# One name per unit: the default hash sizes are too small for hundreds of subdomains.",
    "server_names_hash_max_size 4096;",
    "server_names_hash_bucket_size 128;",
    "",
    "map $host $portal_site {",
    '    default "";',
    ...hosts.map(([host, slug]) => `    ${host} ${slug};`),
    "}",
    "",
    "# The hash of each site's one inline stylesheet (its accent colour).",
    "map $portal_site $portal_style {",
    "    default \"'none'\";",
    ...sites.map((s) => `    ${s.slug} ${quote(styleSources(s, options))};`),
    "}",
    "",
    "map $uri $portal_csp {",
    `    default ${quote(siteCsp)};`,
    `    ~^/admin/ ${quote(adminCsp)};`,
    "}",
    "",
    "# Fingerprinted files for a year; HTML revalidated on every visit (broadcasts show at once).",
    "map $uri $portal_cache_control {",
    '    default "no-cache";',
    '    ~^/img/ "public, max-age=31536000, immutable";',
    '    ~^/pagefind/pagefind-entry\\.json$ "public, max-age=60";',
    '    ~^/pagefind/.+\\.pf_ "public, max-age=31536000, immutable";',
    '    ~^/pagefind/ "public, max-age=300";',
    "    ~^/assets/ $portal_asset_cache;",
    '    ~^/media/ "public, max-age=86400";',
    '    ~^/admin/decap/ "public, max-age=86400";',
    "}",
    "",
    "# Theme assets are linked as /assets/style.css?v=<hash>: a new file is a new address.",
    "map $arg_v $portal_asset_cache {",
    '    "" "public, max-age=300";',
    '    default "public, max-age=31536000, immutable";',
    "}",
    "",
    "# The hub's search reads every unit's index from the unit's own origin.",
    "map $uri $portal_cors {",
    '    default "";',
    '    ~^/pagefind/ "*";',
    "}",
    "",
    ...(options.tls
      ? [
          "# Plain HTTP only redirects to HTTPS.",
          "server {",
          ...listenOn(options.httpListen ?? "80", " default_server"),
          "    server_name _;",
          "    return 301 https://$host$request_uri;",
          "}",
          "",
        ]
      : []),
    ...retiredServer(options, hub, listenOn(listen, listenFlags)),
    "# Any host that is not a deployed site: a 404, never another site's content.",
    "server {",
    ...listenOn(listen, `${listenFlags} default_server`),
    ...tlsLines(options),
    "    server_name _;",
    "    default_type text/html;",
    "    charset utf-8;",
    ...headers,
    "    error_page 404 /404-portal.html;",
    "    location = /404-portal.html {",
    "        internal;",
    `        return 404 ${quote(unknownHostPage(portal, hub))};`,
    "    }",
    "    location / {",
    "        return 404;",
    "    }",
    "}",
    "",
    "server {",
    ...listenOn(listen, listenFlags),
    ...tlsLines(options),
    `    server_name ${hosts.map(([host]) => host).join(" ")};`,
    `    root ${root}/$portal_site/current;`,
    "    # A symbolic link inside a release is never followed (one planted on the server could expose",
    "    # any file nginx can read); only `current` itself, part of the root, is a link.",
    "    disable_symlinks on from=$document_root;",
    "    index index.html;",
    "    charset utf-8;",
    "    charset_types text/css application/javascript application/json text/xml application/xml image/svg+xml;",
    "    # Files are compressed at deploy time (tools/deploy/stage.ts), not per response.",
    "    gzip_static on;",
    ...(options.brotli ? ["    brotli_static on;"] : []),
    "    etag on;",
    "    server_tokens off;",
    ...headers,
    "    error_page 404 /404.html;",
    "    location / {",
    "        try_files $uri $uri/ =404;",
    "    }",
    ...(options.gateway
      ? [
          "    # The editors' gateway, on each site's own origin: the Host it receives names the site",
          "    # (with its port, as the browser's Origin has it), and its cookie never leaves that origin.",
          "    location /admin/api/ {",
          `        proxy_pass http://${options.gateway};`,
          "        proxy_set_header Host $http_host;",
          "        proxy_set_header X-Forwarded-For $remote_addr;",
          "        proxy_http_version 1.1;",
          "        # Uploads travel as base64 inside the CMS's JSON; the gateway caps them itself.",
          "        client_max_body_size 64m;",
          "        proxy_read_timeout 120s;",
          "        proxy_intercept_errors off;",
          "    }",
        ]
      : []),
    "}",
    "",
  ];
  return lines.join("\n");
}

/** The retired units that the hub keeps as archives (`/arsip/<slug>/`, retire-site --archive). */
const archivesOf = (options: NginxOptions) =>
  (options.retired ?? []).filter((s) => retirementOf(s) === "archived" && s.slug !== options.portal.hub);

/**
 * The inline stylesheets a site's pages may have, by hash: its own; on the hub also each
 * archive's, whose pages keep their unit's accent colour.
 */
function styleSources(site: SiteRecord, options: NginxOptions): string {
  const styled = site.slug === options.portal.hub ? [site, ...archivesOf(options)] : [site];
  return [...new Set(styled.map(accentCssHash))].join(" ");
}

/**
 * The retired units' names: a 301 to the hub's page about each (`retiredUnitUrl`); for an
 * archived unit, every address to its place in the archive, so old links and bookmarks still
 * find their page.
 */
function retiredServer(options: NginxOptions, hub: string, listen: string[]): string[] {
  const apexHost = options.base.apex.replace(/:\d+$/, "");
  const retired = (options.retired ?? []).filter((s) => s.status === "retired" && s.slug !== options.portal.hub);
  if (retired.length === 0) return [];
  const archived = new Set(archivesOf(options));
  return [
    "# Retired units: their subdomains redirect for good to the hub's page about them (an archive's: each",
    "# address to the same address in the archive).",
    "map $host $portal_retired {",
    '    default "/";',
    ...retired.map((s) =>
      archived.has(s)
        ? `    ${s.slug}.${apexHost} ${archivePrefix(s.slug)}$request_uri;`
        : `    ${s.slug}.${apexHost} ${retiredUnitUrl(s.slug)};`,
    ),
    "}",
    "",
    "server {",
    ...listen,
    ...tlsLines(options),
    `    server_name ${retired.map((s) => `${s.slug}.${apexHost}`).join(" ")};`,
    "    server_tokens off;",
    '    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
    `    return 301 ${hub}$portal_retired;`,
    "}",
    "",
  ];
}

function tlsLines(options: NginxOptions): string[] {
  if (!options.tls) return [];
  return [
    `    ssl_certificate ${options.tls.certificate};`,
    `    ssl_certificate_key ${options.tls.key};`,
    "    ssl_protocols TLSv1.2 TLSv1.3;",
    "    ssl_session_cache shared:portal:10m;",
    "    ssl_session_timeout 1d;",
  ];
}

/** The Git host's API and where it serves images, for the CMS's policy. */
function cmsApiOrigins(portal: PortalConfig): { connect: string[]; images: string[] } {
  const cms = portal.cms ?? { backend: "github" as const };
  // The gateway is on the site's own origin: 'self'.
  if (cms.backend === "gateway") return { connect: [], images: [] };
  if (cms.backend === "github")
    return {
      connect: ["https://api.github.com", ...(cms.base_url ? [new URL(cms.base_url).origin] : [])],
      images: ["https://raw.githubusercontent.com", "https://avatars.githubusercontent.com"],
    };
  const origin = cms.base_url ? new URL(cms.base_url).origin : cms.backend === "gitlab" ? "https://gitlab.com" : "";
  return { connect: origin ? [origin] : [], images: origin ? [origin] : [] };
}

function unknownHostPage(portal: PortalConfig, hub: string): string {
  return [
    '<!doctype html><html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Situs tidak ditemukan</title><h1>Situs tidak ditemukan</h1>`,
    `<p>Alamat ini bukan situs ${portal.name}. Daftar seluruh perangkat daerah ada di <a href="${hub}/">${hub.replace(/^https?:\/\//, "")}</a>.</p></html>`,
  ].join("");
}
