export type Role = 'officer' | 'supervisor' | 'admin';

export const canApprove = (role: Role): boolean => role === 'supervisor' || role === 'admin';
