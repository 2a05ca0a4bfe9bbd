/**
 * Config for the kiosk's other two users (docs/staff.md): the hall staff and technicians who
 * may sign in (`staff`), and the maintenance settings (`maintenance`): heartbeat, export
 * folders, what makes the kiosk out of service.
 */
import { z } from 'zod';

/** Smallest scrypt cost accepted: 2^14, the floor RFC 7914 §2 suggests for interactive logins. */
export const MIN_SCRYPT_N = 2 ** 14;
/** Largest: 2^20 needs 1 GiB with r = 8, more than a kiosk should spend on a PIN. */
export const MAX_SCRYPT_N = 2 ** 20;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64 text');

/** A PIN hashed with scrypt; `npm run devices -- staff hash-pin` prints one. */
export const pinHashConfig = z.strictObject({
  algorithm: z.literal('scrypt'),
  /** CPU/memory cost, a power of two. */
  N: z
    .number()
    .int()
    .min(MIN_SCRYPT_N)
    .max(MAX_SCRYPT_N)
    .refine((n) => (n & (n - 1)) === 0, 'a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  /** Random salt, base64, at least 16 bytes. */
  salt: base64.min(22),
  /** Derived key, base64, at least 32 bytes. */
  hash: base64.min(43),
});
export type PinHashConfig = z.infer<typeof pinHashConfig>;

export const staffMemberConfig = z.strictObject({
  /** Staff number typed on the keypad before the PIN; also the actor in the audit log. */
  id: z.string().regex(/^[0-9]{3,8}$/, '3 to 8 digits'),
  role: z.enum(['staff', 'technician']),
  pin: pinHashConfig,
  /**
   * Numbers of the staff cards (ID cards read by the id-card reader) that sign this member in
   * without a PIN. Shown and logged only masked.
   */
  cardNumbers: z
    .array(z.string().regex(/^[0-9A-Za-z]{6,32}$/))
    .max(4)
    .default([]),
});
export type StaffMemberConfig = z.infer<typeof staffMemberConfig>;

export const staffConfig = z
  .strictObject({
    /** Minutes a staff or technician sign-in lasts; it then falls back to applicant by itself. */
    sessionMinutes: z.number().int().min(1).max(120).default(15),
    lockout: z
      .strictObject({
        /** Wrong PINs allowed in a row before the first lockout. */
        freeAttempts: z.number().int().min(1).max(10).default(3),
        /** First lockout, seconds; each further wrong PIN doubles it. */
        initialSeconds: z.number().int().min(1).max(3600).default(30),
        /** Ceiling of the lockout, seconds. */
        maxSeconds: z.number().int().min(1).max(86_400).default(900),
      })
      .default({ freeAttempts: 3, initialSeconds: 30, maxSeconds: 900 }),
    members: z.array(staffMemberConfig).max(200).default([]),
    /**
     * Seconds the applicant's "call staff" waits for a staff member to acknowledge before the
     * kiosk also shows the counter directions (the call stays open for staff meanwhile).
     */
    callAcknowledgeSeconds: z.number().int().min(10).max(600).default(60),
  })
  .superRefine((staff, ctx) => {
    const ids = new Set<string>();
    const cards = new Set<string>();
    staff.members.forEach((m, i) => {
      if (ids.has(m.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['members', i, 'id'],
          message: 'a staff id used once only',
          input: m.id,
        });
      }
      ids.add(m.id);
      m.cardNumbers.forEach((c, j) => {
        if (cards.has(c)) {
          ctx.addIssue({
            code: 'custom',
            path: ['members', i, 'cardNumbers', j],
            message: 'a card number given to one member only',
            input: '(hidden)',
          });
        }
        cards.add(c);
      });
    });
  });
export type StaffConfig = z.infer<typeof staffConfig>;

export const maintenanceConfig = z.strictObject({
  /** Seconds between heartbeats to the central API (0 turns them off). */
  heartbeatSeconds: z.number().int().min(0).max(3600).default(60),
  /** Folder of the kiosk's log files, included in exports (none: logs go to the journal only). */
  logDir: z.string().min(1).optional(),
  /**
   * Folders an export may be written under (USB drives' mount points); an export to any other
   * folder is refused.
   */
  exportRoots: z.array(z.string().min(1)).max(8).default(['/media', '/run/media', '/mnt']),
  /** Device families without which the kiosk cannot serve applicants. */
  criticalFamilies: z
    .array(z.enum(['idCard', 'barcode', 'scanner', 'printer']))
    .max(4)
    .default(['idCard', 'printer']),
  /** Seconds a critical device may be away before the kiosk goes out of service. */
  graceSeconds: z.number().int().min(0).max(600).default(30),
  /** This many failures (device faults, reported service failures) within the window... */
  failureLimit: z.number().int().min(1).max(100).default(5),
  /** ...seconds, take the kiosk out of service until the window is clear again. */
  failureWindowSeconds: z.number().int().min(10).max(3600).default(300),
});
export type MaintenanceConfig = z.infer<typeof maintenanceConfig>;
