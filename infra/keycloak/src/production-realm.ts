import type { ClientRepresentation, RealmRepresentation } from './realm-schema';

// The production realm is derived from the development realm, so roles, mappers and the user profile
// cannot drift apart: same clients and roles, but no users, no localhost addresses, confidential web
// clients, a password policy and a one-time code for every admin and platform-admin sign-in.

/** Web clients and the variables that hold their public address and their client secret. */
export const webClients: Record<string, { urlVariable: string; secretVariable: string }> = {
  'termin-staff': { urlVariable: 'TERMIN_STAFF_URL', secretVariable: 'TERMIN_STAFF_CLIENT_SECRET' },
  'termin-admin': { urlVariable: 'TERMIN_ADMIN_URL', secretVariable: 'TERMIN_ADMIN_CLIENT_SECRET' },
};

export const productionPasswordPolicy = 'length(12) and maxLength(128) and notUsername and notEmail and passwordHistory(5) and hashIterations(210000)';

const browserFlow = 'browser with admin otp';
const formsFlow = `${browserFlow} forms`;
const adminOtpFlow = `${browserFlow} admin`;
const platformOtpFlow = `${browserFlow} platform admin`;

function productionClient(client: ClientRepresentation): ClientRepresentation {
  const web = webClients[client.clientId];
  if (!web) return client;
  const url = `\${${web.urlVariable}}`;
  return {
    ...client,
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    secret: `\${${web.secretVariable}}`,
    redirectUris: [`${url}/*`],
    webOrigins: [url],
    attributes: { ...client.attributes, 'post.logout.redirect.uris': `${url}/*` },
  };
}

export function productionRealm(development: RealmRepresentation): RealmRepresentation {
  return {
    ...development,
    sslRequired: 'all',
    registrationAllowed: false,
    bruteForceProtected: true,
    passwordPolicy: productionPasswordPolicy,
    otpPolicyType: 'totp',
    otpPolicyAlgorithm: 'HmacSHA1',
    otpPolicyDigits: 6,
    otpPolicyPeriod: 30,
    clients: development.clients.map(productionClient),
    users: [],
    browserFlow,
    authenticationFlows: [
      {
        alias: browserFlow,
        description: 'Browser sign-in; accounts with the admin or platform-admin role must also enter a one-time code (set up on first sign-in)',
        providerId: 'basic-flow',
        topLevel: true,
        builtIn: false,
        authenticationExecutions: [
          { authenticator: 'auth-cookie', authenticatorFlow: false, requirement: 'ALTERNATIVE', priority: 10, userSetupAllowed: false },
          { authenticatorFlow: true, flowAlias: formsFlow, requirement: 'ALTERNATIVE', priority: 20, userSetupAllowed: false },
        ],
      },
      {
        alias: formsFlow,
        providerId: 'basic-flow',
        topLevel: false,
        builtIn: false,
        authenticationExecutions: [
          { authenticator: 'auth-username-password-form', authenticatorFlow: false, requirement: 'REQUIRED', priority: 10, userSetupAllowed: false },
          { authenticatorFlow: true, flowAlias: adminOtpFlow, requirement: 'CONDITIONAL', priority: 20, userSetupAllowed: false },
          { authenticatorFlow: true, flowAlias: platformOtpFlow, requirement: 'CONDITIONAL', priority: 30, userSetupAllowed: false },
        ],
      },
      {
        alias: adminOtpFlow,
        providerId: 'basic-flow',
        topLevel: false,
        builtIn: false,
        authenticationExecutions: [
          {
            authenticator: 'conditional-user-role',
            authenticatorConfig: 'admin role',
            authenticatorFlow: false,
            requirement: 'REQUIRED',
            priority: 10,
            userSetupAllowed: false,
          },
          { authenticator: 'auth-otp-form', authenticatorFlow: false, requirement: 'REQUIRED', priority: 20, userSetupAllowed: false },
        ],
      },
      {
        // Platform operators create municipalities: a one-time code too, asked once for an account that is also an admin.
        alias: platformOtpFlow,
        providerId: 'basic-flow',
        topLevel: false,
        builtIn: false,
        authenticationExecutions: [
          {
            authenticator: 'conditional-user-role',
            authenticatorConfig: 'platform-admin role',
            authenticatorFlow: false,
            requirement: 'REQUIRED',
            priority: 10,
            userSetupAllowed: false,
          },
          {
            authenticator: 'conditional-user-role',
            authenticatorConfig: 'not admin role',
            authenticatorFlow: false,
            requirement: 'REQUIRED',
            priority: 20,
            userSetupAllowed: false,
          },
          { authenticator: 'auth-otp-form', authenticatorFlow: false, requirement: 'REQUIRED', priority: 30, userSetupAllowed: false },
        ],
      },
    ],
    authenticatorConfig: [
      { alias: 'admin role', config: { condUserRole: 'admin', not: 'false' } },
      { alias: 'platform-admin role', config: { condUserRole: 'platform-admin', not: 'false' } },
      { alias: 'not admin role', config: { condUserRole: 'admin', not: 'true' } },
    ],
  };
}
