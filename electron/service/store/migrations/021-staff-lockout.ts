import type { Migration } from '../db.js';

/**
 * Staff PIN lockout state, one row for the whole kiosk, kept across service restarts so that
 * restarting the service does not hand an attacker fresh attempts.
 */
export const m021StaffLockout: Migration = {
  version: 21,
  name: 'staff-lockout',
  up: (db) => {
    db.exec(`
      CREATE TABLE staff_lockout (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        failures      INTEGER NOT NULL,
        locked_until  INTEGER NOT NULL
      ) STRICT;
      INSERT INTO staff_lockout (id, failures, locked_until) VALUES (1, 0, 0);
    `);
  },
};
