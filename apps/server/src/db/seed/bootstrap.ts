import { sealAudit } from '../../platform/audit/audit.service';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { Config } from '../../platform/config';
import type { DataCipher } from '../../platform/crypto';
import { findDistrict } from '../../platform/gbt2260';
import { generatePassword } from '../../platform/identity/passwords';
import * as identityRepo from '../../platform/identity/identity.repo';
import { MODULES } from '../../modules';
import { createServices } from '../../services';
import { queryRows } from '../sql';

export interface BootstrapResult {
  /** True when this start created the initial data. */
  readonly initialized: boolean;
  readonly demo: boolean;
  /** Printed once: the one-time password of the first administrator of a clean install. */
  readonly firstAdmin?: { readonly username: string; readonly password: string };
}

export interface BootstrapOptions {
  readonly demo: boolean;
  readonly size: 'small' | 'full';
  readonly districtCode: string;
}

/**
 * First start: demo data, or a clean install with the district root and one administrator.
 * One transaction under an advisory lock, so a crash or a second instance never leaves half of it.
 */
export async function bootstrap(db: Db, config: Config, cipher: DataCipher, options: BootstrapOptions): Promise<BootstrapResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(726203)`);
    const [existing] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM places`);
    if (Number(existing?.n) > 0) return { initialized: false, demo: options.demo };
    const services = createServices({ db: tx, config, cipher });
    if (options.demo) {
      for (const module of MODULES) await module.seedDemo?.({ db: tx, services, size: options.size });
      await sealAudit(tx);
      return { initialized: true, demo: true };
    }
    const district = findDistrict(options.districtCode);
    if (!district) throw new Error(`GRIDWORK_DISTRICT_CODE ${options.districtCode} is not a GB/T 2260 county-level code`);
    const [row] = await queryRows<{ seq: number }>(tx, sql`SELECT nextval(pg_get_serial_sequence('places', 'seq'))::int AS seq`);
    const [root] = await queryRows<{ id: string; path: string }>(
      tx,
      sql`INSERT INTO places (seq, type, name, code, path, depth) VALUES (${row!.seq}, 'district', ${district.name}, ${district.code}, ${`/${row!.seq}/`}, 0) RETURNING id, path`,
    );
    const password = generatePassword();
    const admin = await services.identity.createUserRecord(tx, { username: 'admin', displayName: '区级管理员', password, mustChangePassword: true });
    await identityRepo.insertAssignment(tx, { userId: admin.id, role: 'district_admin', placeId: root!.id, placePath: root!.path });
    await sealAudit(tx);
    return { initialized: true, demo: false, firstAdmin: { username: 'admin', password } };
  });
}
