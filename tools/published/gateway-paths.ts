/** Where the editors' gateway answers on every site's origin; nginx sends this path to it. */
export const gatewayPath = "/admin/api";

/** Decap's `proxy_url`: the proxy API. */
export const proxyUrl = `${gatewayPath}/v1`;

/**
 * Where a draft's preview is served on its unit's origin (`<previewPath>/<collection>/<entry>/`),
 * by the gateway, to that unit's signed-in editors only; nginx sends this path to it too.
 */
export const previewPath = "/admin/pratinjau";
