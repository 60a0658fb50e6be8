import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tincoso:public';

/** Marks a route that needs no bearer token (login, health, public pages, provider webhooks). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
