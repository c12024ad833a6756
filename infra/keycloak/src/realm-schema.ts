import { z } from 'zod';

// The subset of Keycloak's RealmRepresentation (org.keycloak.representations.idm) this project uses.
// Objects are strict so that a misspelt field fails here instead of being silently ignored on import.

const stringMap = z.record(z.string(), z.string());

export const protocolMapperSchema = z.strictObject({
  id: z.string().optional(),
  name: z.string(),
  protocol: z.literal('openid-connect'),
  protocolMapper: z.string(),
  consentRequired: z.boolean().optional(),
  config: stringMap,
});

export const clientSchema = z.strictObject({
  id: z.string().optional(),
  clientId: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  rootUrl: z.string().optional(),
  baseUrl: z.string().optional(),
  enabled: z.boolean(),
  protocol: z.literal('openid-connect'),
  publicClient: z.boolean(),
  bearerOnly: z.boolean().optional(),
  consentRequired: z.boolean().optional(),
  standardFlowEnabled: z.boolean(),
  implicitFlowEnabled: z.boolean(),
  directAccessGrantsEnabled: z.boolean(),
  serviceAccountsEnabled: z.boolean().optional(),
  frontchannelLogout: z.boolean().optional(),
  fullScopeAllowed: z.boolean().optional(),
  clientAuthenticatorType: z.string().optional(),
  secret: z.string().optional(),
  redirectUris: z.array(z.string()),
  webOrigins: z.array(z.string()).optional(),
  attributes: stringMap.optional(),
  protocolMappers: z.array(protocolMapperSchema).optional(),
  defaultClientScopes: z.array(z.string()).optional(),
  optionalClientScopes: z.array(z.string()).optional(),
});

export const credentialSchema = z.strictObject({
  type: z.literal('password'),
  value: z.string(),
  temporary: z.boolean(),
});

export const userSchema = z.strictObject({
  id: z.string().optional(),
  username: z.string(),
  enabled: z.boolean(),
  emailVerified: z.boolean().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().optional(),
  attributes: z.record(z.string(), z.array(z.string())).optional(),
  realmRoles: z.array(z.string()).optional(),
  clientRoles: z.record(z.string(), z.array(z.string())).optional(),
  groups: z.array(z.string()).optional(),
  credentials: z.array(credentialSchema).optional(),
  requiredActions: z.array(z.string()).optional(),
});

export const roleSchema = z.strictObject({
  id: z.string().optional(),
  name: z.string(),
  description: z.string().optional(),
  composite: z.boolean(),
  composites: z
    .strictObject({
      realm: z.array(z.string()).optional(),
      client: z.record(z.string(), z.array(z.string())).optional(),
    })
    .optional(),
  clientRole: z.boolean(),
  containerId: z.string().optional(),
  attributes: z.record(z.string(), z.array(z.string())).optional(),
});

export const componentSchema = z.strictObject({
  id: z.string().optional(),
  name: z.string().optional(),
  providerId: z.string(),
  subType: z.string().optional(),
  subComponents: z.record(z.string(), z.array(z.unknown())),
  config: z.record(z.string(), z.array(z.string())),
});

export const authenticationExecutionSchema = z.strictObject({
  authenticator: z.string().optional(),
  authenticatorConfig: z.string().optional(),
  authenticatorFlow: z.boolean(),
  flowAlias: z.string().optional(),
  requirement: z.enum(['REQUIRED', 'ALTERNATIVE', 'CONDITIONAL', 'DISABLED']),
  priority: z.number().int(),
  userSetupAllowed: z.boolean().optional(),
});

export const authenticationFlowSchema = z.strictObject({
  id: z.string().optional(),
  alias: z.string(),
  description: z.string().optional(),
  providerId: z.literal('basic-flow'),
  topLevel: z.boolean(),
  builtIn: z.boolean(),
  authenticationExecutions: z.array(authenticationExecutionSchema),
});

export const authenticatorConfigSchema = z.strictObject({
  id: z.string().optional(),
  alias: z.string(),
  config: stringMap,
});

export const realmSchema = z.strictObject({
  id: z.string().optional(),
  realm: z.string(),
  displayName: z.string().optional(),
  enabled: z.boolean(),
  sslRequired: z.enum(['all', 'external', 'none']),
  registrationAllowed: z.boolean().optional(),
  loginWithEmailAllowed: z.boolean().optional(),
  duplicateEmailsAllowed: z.boolean().optional(),
  resetPasswordAllowed: z.boolean().optional(),
  editUsernameAllowed: z.boolean().optional(),
  bruteForceProtected: z.boolean().optional(),
  /** Keycloak's policy string, e.g. `length(12) and notUsername`. */
  passwordPolicy: z.string().optional(),
  otpPolicyType: z.enum(['totp', 'hotp']).optional(),
  otpPolicyAlgorithm: z.string().optional(),
  otpPolicyDigits: z.number().int().optional(),
  otpPolicyPeriod: z.number().int().optional(),
  browserFlow: z.string().optional(),
  authenticationFlows: z.array(authenticationFlowSchema).optional(),
  authenticatorConfig: z.array(authenticatorConfigSchema).optional(),
  accessTokenLifespan: z.number().int().positive(),
  ssoSessionIdleTimeout: z.number().int().positive().optional(),
  ssoSessionMaxLifespan: z.number().int().positive().optional(),
  internationalizationEnabled: z.boolean().optional(),
  supportedLocales: z.array(z.string()).optional(),
  defaultLocale: z.string().optional(),
  defaultSignatureAlgorithm: z.string().optional(),
  roles: z.strictObject({ realm: z.array(roleSchema) }),
  defaultRole: roleSchema.optional(),
  clients: z.array(clientSchema),
  users: z.array(userSchema),
  components: z.record(z.string(), z.array(componentSchema)).optional(),
});

export type RealmRepresentation = z.infer<typeof realmSchema>;
export type ClientRepresentation = z.infer<typeof clientSchema>;
export type UserRepresentation = z.infer<typeof userSchema>;
export type ProtocolMapperRepresentation = z.infer<typeof protocolMapperSchema>;
export type RoleRepresentation = z.infer<typeof roleSchema>;
