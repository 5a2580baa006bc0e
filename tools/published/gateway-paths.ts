/** Where the editors' gateway answers on every site's origin; nginx sends this path to it. */
export const gatewayPath = "/admin/api";

/** Decap's `proxy_url`: the proxy API. */
export const proxyUrl = `${gatewayPath}/v1`;
