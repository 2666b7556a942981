export * from './channel-settings';
export * from './connect-user';
export * from './identity';
export * from './password';
export * from './phone-config';
export * from './proficiency';
export * from './references';
export * from './roster';
