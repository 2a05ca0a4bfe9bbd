/** Government-app sign-in codes: resolving them once, and issuing them while playing the app. */
import { randomBytes } from 'node:crypto';
import { encodeAppIdentityCode, parseAppIdentityCode } from '../../drivers/common/codes.js';
import { json, notFound, problem } from '../http.js';
import { type Handler, knownPeople } from './context.js';

export const resolveAppIdentity: Handler = (ctx) => {
  const { code } = ctx.body as { code: string };
  const parsed = parseAppIdentityCode(code.trim());
  if (!parsed.ok) {
    return problem({
      status: 400,
      code: 'identity-code-unreadable',
      title: 'not a government-app sign-in code',
      detail: parsed.error,
    });
  }
  const row = ctx.db
    .prepare(
      'SELECT person_code, app_id, expires_at, used_at FROM app_identity_tokens WHERE token = ?',
    )
    .get(parsed.value.token) as
    { person_code: string; app_id: string; expires_at: number; used_at: string | null } | undefined;
  if (!row || row.app_id !== parsed.value.appId) return notFound('sign-in code');
  if (row.used_at !== null) {
    return problem({
      status: 409,
      code: 'identity-code-used',
      title: 'this sign-in code was already used; show a fresh one in the app',
    });
  }
  if (ctx.now.getTime() >= row.expires_at * 1000) {
    return problem({
      status: 410,
      code: 'identity-code-expired',
      title: 'this sign-in code has expired; refresh it in the app',
    });
  }
  ctx.db
    .prepare('UPDATE app_identity_tokens SET used_at = ? WHERE token = ?')
    .run(ctx.now.toISOString(), parsed.value.token);
  const person = knownPeople(ctx.db).find((p) => p.idNumber === row.person_code);
  if (!person) return notFound('person');
  return json(200, {
    idNumber: person.idNumber,
    name: person.name,
    appId: row.app_id,
    resolvedAt: ctx.now.toISOString(),
  });
};

export const issueAppIdentityCode: Handler = (ctx) => {
  const body = ctx.body as { idNumber: string; appId: string; validSeconds: number };
  if (!knownPeople(ctx.db).some((p) => p.idNumber === body.idNumber)) return notFound('person');
  const token = randomBytes(24).toString('base64url');
  const expiresAt = Math.floor(ctx.now.getTime() / 1000) + body.validSeconds;
  ctx.db
    .prepare(
      'INSERT INTO app_identity_tokens (token, person_code, app_id, expires_at) VALUES (?, ?, ?, ?)',
    )
    .run(token, body.idNumber, body.appId, expiresAt);
  return json(201, {
    code: encodeAppIdentityCode({ appId: body.appId, token, expiresAt }),
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  });
};
