import { ConfigError, errorForLog, loadConfig } from '@lantern/api/core';
import { DEMO_USERS } from '@lantern/api/auth';
import { startApp } from './app/bootstrap';
import { runCli } from './cli';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Lantern refuses to start: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  if (process.argv.length > 2) process.exit(await runCli(process.argv.slice(2), config));
  const { url } = await startApp(config);
  if (config.demo) {
    const lines = [
      '',
      `Lantern demo is running at ${url.replace('127.0.0.1', 'localhost')}`,
      `Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
      `Sign in with any of these (password: ${config.demoPassword}):`,
      ...DEMO_USERS.map((u) => `  ${u.username.padEnd(18)} ${u.roles.join(', ')}`),
      `Demo feed key (Authorization: Bearer …): ${config.demoFeedKey}`,
      'Stream more reports: npm run feed -- --rate 2',
      '',
    ];
    console.log(lines.join('\n'));
  }
}

main().catch((err: unknown) => {
  console.error(`Lantern failed to start: ${errorForLog(err)}`);
  process.exit(1);
});
