/**
 * The sandbox's answer to a path parameter that is no valid percent-encoded UTF-8: a 400
 * problem document naming the parameter (the client's error), never a 500. Requests are
 * signed by hand and sent raw, so the malformed escape reaches the server byte for byte;
 * every response is checked against openapi.yaml.
 */
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestSandbox, type TestSandbox } from './support.js';

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox({ processingDelayMs: 0 });
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  expect(t.violations.splice(0)).toEqual([]);
});

describe('malformed percent-escapes in path parameters', () => {
  it.each([
    // A three-byte UTF-8 sequence cut off in its last escape.
    { method: 'GET', path: '/v1/items/%E0%A4%A', parameter: 'implementCode' },
    { method: 'GET', path: '/v1/items/360322-FW/versions/%E0%A4%A', parameter: 'version' },
    // Not hex at all.
    { method: 'GET', path: '/v1/applications/%zz', parameter: 'applicationId' },
    // A lone continuation byte: well-formed escape, not UTF-8.
    { method: 'PUT', path: '/v1/ratings/%80', parameter: 'ratingId', body: { score: 5 } },
  ])('$method $path is a 400 naming $parameter', async ({ method, path, parameter, body }) => {
    const r = await rawRequest(t, { method, path, ...(body ? { body } : {}) });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({
      status: 400,
      code: 'invalid-parameters',
      title: expect.stringContaining(parameter),
      errors: [{ path: `/${parameter}`, message: expect.stringContaining('percent-encoded') }],
    });
  });

  it('answers an unsigned request with a malformed escape with 400 too, and keeps serving', async () => {
    // Plain node:http, no fetch in between: the path goes out exactly as written.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.sandbox.url}/v1/items/%E0%A4%A`, { method: 'GET' }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    const ok = await rawRequest(t, { method: 'GET', path: '/v1/items?page=1' });
    expect(ok.status).toBe(200);
  });
});
