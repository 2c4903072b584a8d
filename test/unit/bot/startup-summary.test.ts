import { describe, expect, it } from 'vitest';
import { describeStartup, startupSummary } from '../../../src/bot/startup-summary.js';
import { exampleConfig } from '../app/policy-fixtures.js';

describe('startupSummary', () => {
  it('names each environment with the number of its services (all services when it lists none)', () => {
    // given
    const config = exampleConfig((doc) => {
      doc.environments.staging.services = [Object.keys(doc.services)[0]];
      delete doc.environments.staging.releases; // it names services this list leaves out
      delete doc.environments.production.services;
    });
    // when
    const summary = startupSummary(config, { socketMode: true, port: 3000 });
    // then
    expect(summary.environments).toEqual({ staging: 1, production: Object.keys(config.services).length });
    expect(summary.mode).toBe('Socket Mode');
    expect(summary).not.toHaveProperty('opsPort');
  });

  it('shows a PostgreSQL store as host and database only: no user, no password, no query string', () => {
    // given
    const config = exampleConfig((doc) => {
      doc.store = { url: 'postgres://shipmate:s3cret-pass%40word@db.internal:5433/ships?statement_timeout=5000&sslmode=require' };
    });
    // when
    const summary = startupSummary(config, { socketMode: false, port: 8080, opsPort: 9090 });
    const text = describeStartup(summary);
    // then
    expect(summary.store).toEqual({ kind: 'postgres', host: 'db.internal:5433', database: 'ships' });
    expect(text).toContain('HTTP; PORT 8080, OPS_PORT 9090;');
    expect(text).toMatch(/store postgres db\.internal:5433\/ships$/);
    for (const leak of ['shipmate:', 's3cret', 'pass', 'sslmode', 'statement_timeout']) expect(JSON.stringify(summary) + text).not.toContain(leak);
  });

  it('shows a SQLite store with its path, and a service count in the singular when there is one', () => {
    // given
    const config = exampleConfig((doc) => {
      doc.store = { url: 'sqlite::memory:' };
      doc.environments.staging.services = [Object.keys(doc.services)[0]];
      delete doc.environments.staging.releases; // it names services this list leaves out
    });
    // when
    const text = describeStartup(startupSummary(config, { socketMode: true, port: 3000 }));
    // then
    expect(text).toMatch(/^Socket Mode; PORT 3000; environments staging \(1 service\), production \(\d+ services\); store sqlite :memory:$/);
  });
});
