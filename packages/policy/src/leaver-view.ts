import type { LeaverProfile } from './types.js';

/** A leaver with the text fields rules compare lower-cased once, instead of once per rule. */
export interface LeaverView {
  leaver: LeaverProfile;
  email: string | undefined;
  department: string | undefined;
  title: string | undefined;
  divisionId: string | undefined;
  divisionName: string | undefined;
  locations: string[];
}

export function viewOf(leaver: LeaverProfile): LeaverView {
  return {
    leaver,
    email: leaver.email?.toLowerCase(),
    department: leaver.department?.toLowerCase(),
    title: leaver.title?.toLowerCase(),
    divisionId: leaver.division?.id.toLowerCase(),
    divisionName: leaver.division?.name?.toLowerCase(),
    locations: leaver.locationNames.map((name) => name.toLowerCase()),
  };
}
