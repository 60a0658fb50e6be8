import type { components } from '../../api/schema';

type Schemas = components['schemas'];

/** The answers the admin screens read, from the API's schema. */
export type UnitItem = Schemas['UnitDto'];
export type UnitDetail = Schemas['UnitDetailDto'];
export type UserItem = Schemas['UserDto'];
export type ChannelAccount = Schemas['ChannelAccountResponseDto'];
export type ConnectionCheck = Schemas['ConnectionCheckDto'];
export type AuditEvent = Schemas['AuditEventDto'];
