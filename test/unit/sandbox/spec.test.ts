import { describe, expect, it } from 'vitest';
import { ADMIN_OPERATIONS, HANDLERS } from '../../../sandbox/handlers.js';
import { apiSpec } from '../../../sandbox/spec.js';

const spec = apiSpec();

describe('the spec as router', () => {
  it('has a handler for every operation and an operation for every handler', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual(
      spec.operationList.map((o) => o.operationId).sort(),
    );
    for (const admin of ADMIN_OPERATIONS)
      expect(spec.operationList.some((o) => o.operationId === admin)).toBe(true);
  });

  it('signs everything but health and the permit keys', () => {
    const unsigned = spec.operationList
      .filter((o) => !o.signed)
      .map((o) => o.operationId)
      .sort();
    expect(unsigned).toEqual(['getHealth', 'listPermitKeys']);
  });

  it('matches paths, tells 404 from 405, and coerces parameters', () => {
    const m = spec.match('GET', '/v1/items/360322-FW-ROAD-TRANSPORT-PERMIT/versions/2');
    expect(typeof m !== 'string' && m.operation.operationId).toBe('getItemVersion');
    expect(spec.match('GET', '/v1/nowhere')).toBe('no-path');
    expect(spec.match('DELETE', '/v1/items')).toBe('no-method');
    expect(spec.match('GET', '/v1/items/%zz/versions/2')).toMatchObject({
      operation: { operationId: 'getItemVersion' },
      badEscape: 'implementCode',
    });
    expect(spec.match('GET', '/v1/items/X/versions/%E0%A4%A')).toMatchObject({
      badEscape: 'version',
    });
    expect(spec.validateParameters('listItems', 'query', { page: '3' }).values).toMatchObject({
      page: 3,
      pageSize: 50,
    });
    expect(
      spec.validateParameters('listItems', 'query', { pageSize: '500' }).problems[0]?.path,
    ).toBe('/pageSize');
  });

  it('validates responses: undocumented statuses and wrong bodies are violations', () => {
    expect(
      spec.validateResponse('getHealth', 200, 'application/json', {
        status: 'ok',
        time: '2026-12-03T09:00:00Z',
      }),
    ).toEqual([]);
    expect(spec.validateResponse('getHealth', 418, 'application/json', {})[0]?.message).toMatch(
      /not documented/,
    );
    expect(
      spec.validateResponse('getHealth', 200, 'application/json', { status: 'fine' }),
    ).not.toEqual([]);
  });
});
