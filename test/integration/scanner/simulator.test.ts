/**
 * The eSCL simulator at the wire, as any HTTP client sees it: bad requests get clear answers,
 * and the eSCL client notices it going away and coming back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeScanSettings } from '../../../drivers/scanner/escl-codec.js';
import { EsclScanner } from '../../../drivers/scanner/escl.js';
import { SimulatedScanner } from '../../../drivers/scanner/simulated.js';
import { EsclSimulator } from '../../../drivers/scanner/simulator.js';

const simulators: EsclSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function started(options: ConstructorParameters<typeof EsclSimulator>[0] = {}) {
  const simulator = new EsclSimulator(options);
  simulators.push(simulator);
  return { simulator, url: await simulator.start() };
}

const settings = {
  version: '2.0',
  source: 'platen' as const,
  colorMode: 'Grayscale8' as const,
  resolution: 200,
  xOffset: 0,
  yOffset: 0,
  width: 2480,
  height: 3508,
  documentFormat: 'image/jpeg',
};

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(new URL('ScanJobs', url), { method: 'POST', body });
  return { status: res.status, text: await res.text() };
}

describe('eSCL simulator over HTTP', () => {
  it('answers bad scan settings with the element at fault', async () => {
    const { url } = await started();
    expect(await post(url, '<ScanSettings><Version>2.0</Version></ScanSettings>')).toEqual({
      status: 400,
      text: '/ScanSettings/ScanRegions: missing ScanRegions',
    });
    expect(await post(url, encodeScanSettings({ ...settings, resolution: 250 }))).toEqual({
      status: 409,
      text: 'resolution 250 not supported',
    });
    expect(
      await post(url, encodeScanSettings({ ...settings, documentFormat: 'application/pdf' })),
    ).toEqual({
      status: 409,
      text: 'format application/pdf not supported',
    });
    expect((await post(url, 'x'.repeat(70 * 1024))).status).toBe(413);
  });

  it('knows only its own jobs and paths', async () => {
    const { url } = await started();
    const unknownJob = await fetch(
      new URL('ScanJobs/00000000-0000-4000-8000-000000000000/NextDocument', url),
    );
    expect(unknownJob.status).toBe(404);
    expect((await fetch(new URL('Nonsense', url))).status).toBe(404);
    expect((await fetch(new URL('ScannerStatus', url), { method: 'DELETE' })).status).toBe(404);
  });

  it('serves one job at a time and frees the glass after its page', async () => {
    const { simulator, url } = await started();
    simulator.placeOnPlaten({ kind: 'business-license', page: 1, seed: 1 });
    const first = await fetch(new URL('ScanJobs', url), {
      method: 'POST',
      body: encodeScanSettings(settings),
    });
    expect(first.status).toBe(201);
    const location = first.headers.get('location')!;
    expect((await post(url, encodeScanSettings(settings))).status).toBe(503);
    const page = await fetch(new URL(`${location}/NextDocument`, url));
    expect(page.headers.get('content-type')).toBe('image/jpeg');
    expect((await page.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    expect((await fetch(new URL(`${location}/NextDocument`, url))).status).toBe(404);
    expect((await post(url, encodeScanSettings(settings))).status).toBe(201);
  });

  it('refuses sheets that do not exist and sources it lacks', async () => {
    const { simulator, url } = await started({ sources: ['feeder'] });
    expect(() => simulator.placeOnPlaten({ kind: 'business-license', page: 2, seed: 1 })).toThrow(
      'business-license has 1 page(s); there is no page 2',
    );
    expect(await post(url, encodeScanSettings(settings))).toEqual({
      status: 409,
      text: 'no platen on this scanner',
    });
    expect(() => new EsclSimulator({ resolutions: [20] })).toThrow(/between 50 and 600/);
  });

  it('the client sees the scanner go away and come back on the same port', async () => {
    const first = await started();
    const port = Number(new URL(first.url).port);
    const client = new EsclScanner({
      id: 'scanner',
      url: first.url,
      pollIntervalMs: 200,
      requestTimeoutMs: 2000,
    });
    const states: string[] = [];
    client.onStatus((s) => states.push(s.state));
    await client.start();
    expect(client.status().state).toBe('ready');

    await first.simulator.stop();
    simulators.length = 0;
    await waitFor(() => client.status().state === 'disconnected');

    const second = await started({ port });
    second.simulator.loadFeeder('quality-certificate', 1);
    // Reconnect backoff starts at 1 s (half fixed, half jitter).
    await waitFor(() => client.status().state === 'ready', 10_000);
    expect(client.status().detail).toBe('paper in the feeder');
    expect(states).toEqual(expect.arrayContaining(['ready', 'disconnected']));
    await client.stop();
  });
});

describe('simulated scanner (demo driver)', () => {
  it('keeps its paper across a reconnect and scans afterwards', async () => {
    const scanner = new SimulatedScanner({
      id: 'scanner',
      initialFeeder: [{ kind: 'quality-certificate', seed: 1 }],
    });
    const states: string[] = [];
    scanner.onStatus((s) => states.push(s.state));
    await scanner.start();
    expect(scanner.simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/eSCL\/$/);
    await scanner.stop();
    expect(scanner.simulator.url).toBeUndefined();
    await scanner.start();
    const result = await scanner.scan({ source: 'feeder', resolutionDpi: 100 });
    expect(result.ok && result.value.length).toBe(1);
    expect(states.filter((s) => s === 'ready').length).toBeGreaterThanOrEqual(2);
    await scanner.stop();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
