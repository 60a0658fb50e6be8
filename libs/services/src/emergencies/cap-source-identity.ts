import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '#domain/index.js';
import type { CapMessageSource } from '#persistence/index.js';

/** Where a CAP message came from, and on whose behalf it speaks. */
export interface CapSource {
  kind: CapMessageSource;
  /** The uploading user's id, the system's id, the feed's URL. */
  ref: string;
  name: string;
  /** The unit it speaks for: its alerts may only name units in this subtree. */
  unit: { id: string; path: string };
  /** The province trusts it: its Alerts go out at once. */
  trusted: boolean;
  /** An upload: the supervisor, who acts in person. */
  person?: Actor;
}

/**
 * A system or feed acts through a service identity: a user of its unit with the supervisor role,
 * disabled from the start (it can never sign in; its password hash matches no password), so that the
 * message, broadcast and audit rows that must name an author name the source.
 */
@Injectable()
export class CapSourceIdentities {
  /** The actor a source acts as; an upload acts as the uploading supervisor, a system or feed through its service identity. */
  async actorOf(m: EntityManager, source: CapSource): Promise<Actor> {
    if (source.person) return source.person;
    const username = `cap-${source.kind}-${createHash('sha256').update(source.ref).digest('hex').slice(0, 16)}`;
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, unit_id, disabled_at)
       VALUES ($1, $2, '!service-identity', 'supervisor', $3, now())
       ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, unit_id = EXCLUDED.unit_id
       RETURNING id`,
      [username, `Nguồn CAP: ${source.name}`.slice(0, 200), source.unit.id],
    );
    return { userId: id, role: 'supervisor', unitId: source.unit.id, unitPath: source.unit.path };
  }

  /** The actor before its identity exists, for checks that read only the scope. */
  scopeOf(source: CapSource): Actor {
    return source.person ?? { userId: '', role: 'supervisor', unitId: source.unit.id, unitPath: source.unit.path };
  }
}
