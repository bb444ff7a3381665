import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword, PasswordPolicy, sha256 } from '@lantern/api/auth';
import type { AppConfig } from '@lantern/api/core';
import { FeedSourceEntity, openDatabase, UserEntity } from '@lantern/api/data-access';
import { ROLES, type Role } from '@lantern/shared/domain';

/**
 * Operator commands (no HTTP server):
 *   migrate                                   apply pending migrations and exit
 *   create-user <username> <role>[,<role>…] "<display name>"   password from LANTERN_NEW_PASSWORD
 *   create-feed-key "<force>" "<name>"        prints a new random key once; only its hash is stored
 */
export async function runCli(args: string[], config: AppConfig): Promise<number> {
  const [command, ...rest] = args;
  const ds = await openDatabase({
    databaseUrl: config.databaseUrl,
    ssl: config.databaseSsl,
    dataDir: config.dataDir,
    appRole: config.databaseAppRole,
  });
  try {
    switch (command) {
      case 'migrate':
        console.log('migrations are up to date');
        return 0;
      case 'create-user': {
        const [username, rolesArg, displayName] = rest;
        const roles = (rolesArg ?? '').split(',').filter(Boolean) as Role[];
        const password = process.env['LANTERN_NEW_PASSWORD'] ?? '';
        if (!username || !displayName || roles.length === 0 || roles.some((r) => !ROLES.includes(r))) {
          console.error(`usage: create-user <username> <${ROLES.join('|')}>[,…] "<display name>" (password in LANTERN_NEW_PASSWORD)`);
          return 2;
        }
        // The same password policy as everywhere (NIST SP 800-63B: length, breached list, no username).
        const problems = new PasswordPolicy().problems(password, { username, displayName });
        if (problems.length) {
          console.error(`LANTERN_NEW_PASSWORD ${problems.map((p) => p.message).join('; ')}`);
          return 2;
        }
        await ds.manager.insert(UserEntity, {
          id: randomUUID(),
          username,
          displayName,
          roles,
          passwordHash: await hashPassword(password),
          partnerId: null,
          demo: false,
          active: true,
        });
        console.log(`created user ${username} (${roles.join(', ')})`);
        return 0;
      }
      case 'create-feed-key': {
        const [force, name] = rest;
        if (!force || !name) {
          console.error('usage: create-feed-key "<force>" "<name>"');
          return 2;
        }
        const key = randomBytes(32).toString('base64url');
        await ds.manager.insert(FeedSourceEntity, { id: randomUUID(), force, name, keyHash: sha256(key), demo: false, revokedAt: null });
        console.log(`feed key for ${force} (${name}); it is shown only now:\n${key}`);
        return 0;
      }
      default:
        console.error('commands: migrate | create-user | create-feed-key');
        return 2;
    }
  } finally {
    await ds.destroy();
  }
}
