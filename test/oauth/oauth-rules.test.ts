/** The OAuth flow's decision rules, as pure functions: challenges, discovery URLs, resource match, scopes, the authorization response. */
import { describe, expect, it } from 'vitest';
import { bearerChallenge, parseChallenges } from '../../electron/core/oauth/challenge';
import { authServerMetadataUrls, canonicalResource, resourceCovers, resourceMetadataUrls, type AuthServerMetadata } from '../../electron/core/oauth/discovery';
import { browserCommand } from '../../electron/core/oauth/browser';
import { clientMetadataUrlProblem } from '../../electron/core/oauth/oauth-profile';
import { chooseScopes, stepUpWorthwhile } from '../../electron/core/oauth/scopes';
import { checkAuthorizationResponse } from '../../electron/core/oauth/sign-in';
import { signedInAs } from '../../electron/core/oauth/token-claims';

const AS: AuthServerMetadata = { issuer: 'https://auth.example.com', authorization_endpoint: 'https://auth.example.com/authorize', token_endpoint: 'https://auth.example.com/token' };

describe('WWW-Authenticate', () => {
  it('reads the Bearer challenge among others, with quoted and escaped values', () => {
    const header = 'Basic realm="x", Bearer error="insufficient_scope", scope="files:read  files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", error_description="need \\"write\\""';
    expect(bearerChallenge(header)).toEqual({
      error: 'insufficient_scope',
      scope: ['files:read', 'files:write'],
      resource_metadata: 'https://mcp.example.com/.well-known/oauth-protected-resource',
      error_description: 'need "write"',
    });
    expect(parseChallenges(['DPoP algs="ES256"', 'Bearer realm=mcp']).map((c) => c.scheme)).toEqual(['dpop', 'bearer']);
    expect(bearerChallenge('Bearer')).toEqual({});
    expect(bearerChallenge(undefined)).toEqual({});
  });
});

describe('discovery URLs (MCP 2025-11-25)', () => {
  it('tries the path-based resource metadata first, then the root', () => {
    expect(resourceMetadataUrls('https://example.com/public/mcp')).toEqual(['https://example.com/.well-known/oauth-protected-resource/public/mcp', 'https://example.com/.well-known/oauth-protected-resource']);
    expect(resourceMetadataUrls('https://example.com')).toEqual(['https://example.com/.well-known/oauth-protected-resource']);
  });

  it('tries OAuth then OpenID metadata, path insertion before path appending', () => {
    expect(authServerMetadataUrls('https://auth.example.com/tenant1')).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server/tenant1',
      'https://auth.example.com/.well-known/openid-configuration/tenant1',
      'https://auth.example.com/tenant1/.well-known/openid-configuration',
    ]);
    expect(authServerMetadataUrls('https://auth.example.com')).toEqual(['https://auth.example.com/.well-known/oauth-authorization-server', 'https://auth.example.com/.well-known/openid-configuration']);
  });

  it('accepts a resource only for the same origin and a parent path', () => {
    expect(resourceCovers('https://mcp.example.com/mcp', 'https://mcp.example.com/mcp')).toBe(true);
    expect(resourceCovers('https://mcp.example.com', 'https://mcp.example.com/mcp')).toBe(true);
    expect(resourceCovers('https://MCP.example.com/', 'https://mcp.example.com/mcp')).toBe(true);
    expect(resourceCovers('https://evil.example.com/mcp', 'https://mcp.example.com/mcp')).toBe(false);
    expect(resourceCovers('https://mcp.example.com/mc', 'https://mcp.example.com/mcp')).toBe(false);
    expect(resourceCovers('https://mcp.example.com:8443/mcp', 'https://mcp.example.com/mcp')).toBe(false);
    expect(canonicalResource('https://mcp.example.com/#x')).toBe('https://mcp.example.com');
    expect(canonicalResource('https://mcp.example.com/mcp')).toBe('https://mcp.example.com/mcp');
  });
});

describe('scope selection', () => {
  it('the challenge first, else scopes_supported, else none; offline_access only when the server lists it', () => {
    expect(chooseScopes({ challenged: ['a'], resourceScopes: ['b', 'c'] })).toEqual(['a']);
    expect(chooseScopes({ resourceScopes: ['b', 'c'] })).toEqual(['b', 'c']);
    expect(chooseScopes({})).toBeUndefined();
    expect(chooseScopes({ resourceScopes: ['b'], serverScopes: ['b', 'offline_access'] })).toEqual(['b', 'offline_access']);
    expect(chooseScopes({ challenged: ['b', 'offline_access'], serverScopes: ['b'] })).toEqual(['b']);
    expect(chooseScopes({ serverScopes: ['offline_access'] })).toBeUndefined();
  });

  it('re-authorizes with the union of what was held and what is challenged (SEP-2350), and only for something new', () => {
    expect(chooseScopes({ challenged: ['mcp:write'], prior: ['mcp:basic'] })).toEqual(['mcp:basic', 'mcp:write']);
    expect(stepUpWorthwhile(['mcp:write'], ['mcp:basic'])).toBe(true);
    expect(stepUpWorthwhile(['mcp:admin'], ['mcp:admin'])).toBe(false);
    expect(stepUpWorthwhile(undefined, [])).toBe(false);
  });
});

describe('the authorization response (RFC 9207)', () => {
  const params = (q: string) => new URLSearchParams(q);
  it('compares iss byte for byte, requires it when advertised, and refuses errors', () => {
    expect(checkAuthorizationResponse(params('code=c&iss=https%3A%2F%2Fauth.example.com'), AS)).toBe('c');
    expect(checkAuthorizationResponse(params('code=c'), AS)).toBe('c');
    expect(() => checkAuthorizationResponse(params('code=c&iss=https%3A%2F%2Fauth.example.com%2F'), AS)).toThrow(/not "https:\/\/auth.example.com"/);
    expect(() => checkAuthorizationResponse(params('code=c&iss=https%3A%2F%2FAUTH.example.com'), AS)).toThrow(/mix-up/);
    expect(() => checkAuthorizationResponse(params('code=c'), { ...AS, authorization_response_iss_parameter_supported: true })).toThrow(/promises an "iss"/);
    expect(() => checkAuthorizationResponse(params('error=access_denied&error_description=no'), AS)).toThrow(/did not authorize tokentray \(access_denied: no\)/);
    expect(() => checkAuthorizationResponse(params(''), AS)).toThrow(/without an authorization code/);
  });
});

describe('small rules', () => {
  it('opens $BROWSER when set (with %s), else the system opener; never through a shell on Windows', () => {
    expect(browserCommand('https://a/b', { BROWSER: 'firefox --new-tab' }, 'linux')).toEqual({ command: 'firefox', args: ['--new-tab', 'https://a/b'] });
    expect(browserCommand('https://a/b', { BROWSER: 'open-it --url=%s:other' }, 'linux')).toEqual({ command: 'open-it', args: ['--url=https://a/b'] });
    expect(browserCommand('https://a/b', {}, 'linux')).toEqual({ command: 'xdg-open', args: ['https://a/b'] });
    expect(browserCommand('https://a/b', {}, 'darwin')).toEqual({ command: 'open', args: ['https://a/b'] });
    expect(browserCommand('https://a/b?x=1&y=2', {}, 'win32')).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler', 'https://a/b?x=1&y=2'] });
  });

  it('a Client ID Metadata Document URL is https with a path', () => {
    expect(clientMetadataUrlProblem('https://example.com/tokentray.json')).toBeNull();
    expect(clientMetadataUrlProblem('http://example.com/tokentray.json')).toMatch(/https/);
    expect(clientMetadataUrlProblem('https://example.com/')).toMatch(/path/);
  });

  it('names the user from an ID token or a JWT access token, and nothing from an opaque token', () => {
    const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
    expect(signedInAs(jwt({ sub: 'u1', email: 'a@b.c' }), 'opaque')).toBe('a@b.c');
    expect(signedInAs(undefined, jwt({ sub: 'u1' }))).toBe('u1');
    expect(signedInAs(undefined, 'opaque-token')).toBeUndefined();
  });
});
