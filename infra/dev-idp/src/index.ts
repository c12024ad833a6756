export { defaultDevPassword, demoPassword, type DevIdpUser } from './accounts';
export { DevIdpRefusedError, startDevIdp, type DevIdp, type DevIdpOptions } from './start-dev-idp';
