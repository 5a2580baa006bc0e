import * as oidc from "openid-client";
import type { Editor } from "./session.ts";

export interface OidcSettings {
  /** The realm's issuer, e.g. https://sso.paserkab.go.id/realms/paserkab (Keycloak's shape). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Tests and a development SSO only: an issuer on plain http. */
  allowHttp?: boolean;
}

/** What the login keeps between sending the editor to the SSO and their return. */
export interface PendingLogin {
  state: string;
  verifier: string;
  nonce: string;
  /** Where on this site the editor goes once logged in (always a path of this site). */
  next: string;
}

/**
 * The login with the regency's SSO (OpenID Connect, authorization code with PKCE, through
 * openid-client). The gateway is one confidential client; each site's origin is one of its
 * redirect URIs (`https://<slug>.<domain>/admin/api/callback`; Keycloak accepts a wildcard).
 * Roles come from the `groups` claim, which Keycloak's Group Membership mapper puts in the ID
 * token (or, when it is set so, in the userinfo answer, read as well).
 */
export class OidcLogin {
  private constructor(
    private readonly config: oidc.Configuration,
    private readonly settings: OidcSettings,
  ) {}

  static async discover(settings: OidcSettings): Promise<OidcLogin> {
    const config = await oidc.discovery(
      new URL(settings.issuer),
      settings.clientId,
      undefined,
      oidc.ClientSecretPost(settings.clientSecret),
      settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    return new OidcLogin(config, settings);
  }

  /** The SSO's address to send the editor to, and what to keep until they come back. */
  async start(redirectUri: string, next: string): Promise<{ url: string; pending: PendingLogin }> {
    const verifier = oidc.randomPKCECodeVerifier();
    const pending: PendingLogin = { state: oidc.randomState(), verifier, nonce: oidc.randomNonce(), next };
    const url = oidc.buildAuthorizationUrl(this.config, {
      redirect_uri: redirectUri,
      scope: "openid profile email",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The editor the SSO sent back to `currentUrl`; throws when the answer does not check out. */
  async finish(currentUrl: URL, pending: PendingLogin): Promise<Editor> {
    const tokens = await oidc.authorizationCodeGrant(this.config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let groups = claims.groups;
    let name = claims.name ?? claims.preferred_username;
    let email = claims.email;
    if (!Array.isArray(groups) || name === undefined || email === undefined) {
      const info = await oidc.fetchUserInfo(this.config, tokens.access_token, claims.sub);
      groups = Array.isArray(groups) ? groups : info.groups;
      name ??= info.name ?? info.preferred_username;
      email ??= info.email;
    }
    // The name and address become a commit's author: nothing in them may bend Git's "Name <email>".
    const clean = (value: unknown) =>
      typeof value === "string"
        ? [...value]
            .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== "<" && c !== ">")
            .join("")
            .trim()
            .slice(0, 100)
        : "";
    const address = clean(email);
    return {
      id: claims.sub,
      name: clean(name) || clean(claims.sub) || "Editor",
      email: /^[^\s@]+@[^\s@]+$/.test(address)
        ? address
        : `${clean(claims.sub).replace(/[^\w.-]/g, "") || "editor"}@sso.invalid`,
      groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string") : [],
    };
  }

  /** Where logging out sends the editor: the SSO's end-session page, back to the site. */
  logoutUrl(returnTo: string): string | undefined {
    try {
      return oidc.buildEndSessionUrl(this.config, {
        post_logout_redirect_uri: returnTo,
        client_id: this.settings.clientId,
      }).href;
    } catch {
      return undefined;
    }
  }
}
