import { DevIdpRefusedError, startDevIdp } from './start-dev-idp';

// Development identity provider on Keycloak's URL layout. Environment:
//   TERMIN_DEV_IDP_PORT (default 8080), TERMIN_DEV_IDP_HOST (default localhost),
//   TERMIN_DEMO_*_PASSWORD for the demo users (see infra/dev-idp/README.md).
try {
  const idp = await startDevIdp({
    port: Number(process.env.TERMIN_DEV_IDP_PORT ?? 8080),
    host: process.env.TERMIN_DEV_IDP_HOST ?? 'localhost',
  });
  console.log(`dev-idp ready: issuer ${idp.issuer}`);
  const stop = () => {
    idp.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof DevIdpRefusedError) {
    console.error(`dev-idp: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
