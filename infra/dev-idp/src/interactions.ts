import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Account } from './accounts';
import { loginPage } from './login-page';

const sameSecret = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

async function readForm(req: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > limit) throw new Error('form body too large');
  }
  return new URLSearchParams(body);
}

function send(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

export interface InteractionContext {
  provider: Provider;
  accounts: Map<string, Account>;
  /** Path under which interactions live, e.g. `/realms/terminvergabe/login-actions`. */
  basePath: string;
  realmName: string;
  clientNames: Map<string, string>;
}

function findAccount(accounts: Map<string, Account>, login: string): Account | undefined {
  // Keycloak stores usernames in lower case and allows signing in with the e-mail address.
  const wanted = login.trim().toLowerCase();
  for (const account of accounts.values()) {
    if (account.username.toLowerCase() === wanted || account.email?.toLowerCase() === wanted) return account;
  }
  return undefined;
}

/** Handles `GET <basePath>/<uid>` and `POST <basePath>/<uid>/login`; returns false for other paths. */
export async function handleInteraction(context: InteractionContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const { provider, accounts, basePath } = context;
  const match = /^\/([\w-]+)(\/login)?$/.exec(path.slice(basePath.length));
  if (!match) return false;
  const [, uid, login] = match;

  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== uid) {
    send(res, 400, '<!doctype html><p lang="de">Anmeldung abgelaufen. <span lang="en">Sign-in expired.</span></p>');
    return true;
  }
  const clientId = String(interaction.params.client_id);
  const page = (extra: { username?: string; failed?: boolean } = {}) =>
    loginPage({
      action: `${basePath}/${uid}/login`,
      realmName: context.realmName,
      clientName: context.clientNames.get(clientId) ?? clientId,
      ...extra,
    });

  if (req.method === 'POST' && login) {
    const form = await readForm(req);
    const username = form.get('username') ?? '';
    const account = findAccount(accounts, username);
    if (!account || !sameSecret(account.password, form.get('password') ?? '')) {
      send(res, 401, page({ username, failed: true }));
      return true;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
    return true;
  }

  if (req.method !== 'GET' || login) {
    res.writeHead(405, { allow: 'GET' }).end();
    return true;
  }

  if (interaction.prompt.name === 'consent') {
    // Realm clients have consentRequired=false, so Keycloak grants what a client asks for without a screen.
    const grantId = await grantConsent(provider, interaction);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return true;
  }

  send(res, 200, page());
  return true;
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

async function grantConsent(provider: Provider, interaction: Interaction): Promise<string> {
  const { details } = interaction.prompt;
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId: interaction.session?.accountId, clientId: String(interaction.params.client_id) });
  if (!grant) throw new Error('grant of this interaction no longer exists');
  const missingScope = details.missingOIDCScope as string[] | undefined;
  const missingClaims = details.missingOIDCClaims as string[] | undefined;
  const missingResourceScopes = details.missingResourceScopes as Record<string, string[]> | undefined;
  if (missingScope) grant.addOIDCScope(missingScope.join(' '));
  if (missingClaims) grant.addOIDCClaims(missingClaims);
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  return grant.save();
}
