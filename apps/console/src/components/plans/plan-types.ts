import type { components } from '../../api/schema';

export type Plan = components['schemas']['PlanDto'];
export type PlanDetail = components['schemas']['PlanDetailDto'];
export type Target = components['schemas']['TargetDto'];
export type TargetBody = components['schemas']['PlanTargetDto'];
export type PlanFields = components['schemas']['PlanFieldsDto'];
export type PlanProgress = components['schemas']['PlanProgressDto'];
export type Activity = components['schemas']['ActivityDto'];

/** Plans are issued and changed by supervisors and administrators; officers read them and record activities. */
export const canEditPlans = (role: string) => role === 'supervisor' || role === 'admin';
