// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"fetch":{"disableSameOriginPolicy":true}}}
/**
 * The dev dock's scanner controls against a real kiosk service (scanner simulator on loopback
 * HTTP), connected through the real client and the service's connection handler in-process.
 * happy-dom replaces the global fetch the eSCL client uses; its same-origin check is turned off
 * above because the service is not a page (in production it runs in Node, without one).
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskClient } from '../../../electron/contract/client';
import { serveConnection } from '../../../electron/service/rpc/serve';
import { ScannerControls } from '../../../renderer/devdock/ScannerControls';
import { initI18n } from '../../../renderer/src/i18n';
import { KioskProvider } from '../../../renderer/src/kiosk-context';
import { demoConfig, startTestService, type TestService } from '../../support/service';

let running: TestService | undefined;

beforeEach(() => {
  initI18n('en');
});

afterEach(async () => {
  cleanup();
  await running?.close();
  running = undefined;
});

function inProcessClient(service: TestService['service']): KioskClient {
  return new KioskClient(async (handlers) => {
    // Deliver frames on a later turn, as a real transport would.
    const served = serveConnection(service, 'websocket', (text) =>
      setTimeout(() => handlers.onMessage(text), 0),
    );
    return {
      send: (text) => served.receive(text),
      close: () => served.closed(),
    };
  });
}

describe('dev dock scanner controls', () => {
  it('shows the simulator, causes a jam, clears it and runs a test scan', async () => {
    running = await startTestService({
      ...demoConfig(),
      devices: {
        barcode: [],
        scanner: {
          driver: 'simulator',
          feeder: [{ document: 'quality-certificate', seed: 2 }],
          pipeline: { resolutionDpi: 100 },
        },
      },
    });
    render(
      <KioskProvider client={inProcessClient(running.service)}>
        <ScannerControls />
      </KioskProvider>,
    );
    const state = await screen.findByTestId('devdock-scanner-state');
    expect(state.textContent).toContain('Feeder: 1');

    fireEvent.click(screen.getByTestId('devdock-scanner-jam'));
    fireEvent.click(screen.getByTestId('devdock-scanner-scan-feeder'));
    await waitFor(() =>
      expect(screen.getByTestId('devdock-scanner-message').textContent).toContain(
        'E_SCANNER_FEEDER_JAM',
      ),
    );
    await waitFor(() => expect(state.textContent).toContain('JAMMED'));

    fireEvent.click(screen.getByTestId('devdock-scanner-clear'));
    fireEvent.click(screen.getByTestId('devdock-scanner-load-feeder'));
    await waitFor(() => expect(state.textContent).toContain('Feeder: 3'));
    fireEvent.click(screen.getByTestId('devdock-scanner-scan-feeder'));
    await waitFor(
      () =>
        expect(screen.getByTestId('devdock-scanner-message').textContent).toMatch(/^\+3 → 3 p\./),
      { timeout: 15_000 },
    );
    expect(state.textContent).toContain('Feeder: 0');
  });

  it('shows nothing when the dev dock is off', async () => {
    running = await startTestService({
      ...demoConfig(),
      devices: { barcode: [], scanner: { driver: 'simulator' } },
      ui: { devDock: false },
    });
    const { container } = render(
      <KioskProvider client={inProcessClient(running.service)}>
        <ScannerControls />
      </KioskProvider>,
    );
    // Give the state call time to be refused.
    await new Promise((r) => setTimeout(r, 300));
    expect(container.innerHTML).toBe('');
  });
});
