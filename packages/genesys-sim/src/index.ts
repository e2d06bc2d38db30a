export { demoOrg } from './demo-org.js';
export { type GenerateOrgOptions, generateOrg, SIM_CLIENT } from './generate-org.js';
export { startSimulator } from './server.js';
export type {
  Logger,
  OrgSeed,
  SimClient,
  SimDivision,
  SimGroup,
  SimLocation,
  SimStats,
  SimUser,
  Simulator,
  SimulatorOptions,
  SimVoicemail,
  UserState,
} from './types.js';
