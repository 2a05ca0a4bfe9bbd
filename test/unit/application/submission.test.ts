/**
 * The outbox entry built from a checked draft: the body the central API expects, receipt facts
 * masked, audit facts with trust levels and digests, and only the materials the answers still
 * ask for.
 */
import { describe, expect, it } from 'vitest';
import { checkCompleteness } from '../../../electron/service/application/completeness.js';
import {
  AGENT_AUTHORISATION_MATERIAL,
  buildSubmission,
  type SuppliedEntry,
} from '../../../electron/service/application/submission.js';
import type { Session } from '../../../electron/service/session/session.js';
import { syntheticPerson } from '../../../drivers/common/synthetic.js';
import { agent, completeInput, consignor } from './fireworks-fixture.js';

const session: Session = {
  id: 'session-1',
  startedAt: '2026-03-02T09:00:00.000Z',
  applicant: {
    kind: 'agent',
    source: 'id-card',
    documentType: 'resident',
    idNumber: agent.idNumber,
    name: agent.name,
    enterprise: { creditCode: consignor.creditCode, name: consignor.name },
  },
  data: new Map(),
};

function entries(): SuppliedEntry[] {
  return completeInput().supplied.map((s) => ({ ...s, trustLevel: 'A' as const }));
}

describe('buildSubmission', () => {
  it('builds the API body, masked receipt facts and audit facts', () => {
    const input = completeInput();
    const check = checkCompleteness(input);
    const scan = {
      bytes: Buffer.from('%PDF-1.4\n'),
      sha256: 'c'.repeat(64),
      pages: 1,
      mediaType: 'application/pdf' as const,
    };
    const entry = buildSubmission({
      session,
      item: input.item,
      formData: input.formData,
      supplied: entries(),
      consent: { at: '2026-03-02T09:01:00.000Z', scope: ['documents-on-file'], textVersion: 'v1' },
      authorisationScan: scan,
      check,
      terminalId: 'HK-DEMO-0001',
      now: new Date('2026-03-02T09:05:00.000Z'),
    });
    expect(entry.request.applicant).toEqual({
      type: 'ENTERPRISE',
      code: consignor.creditCode,
      name: consignor.name,
    });
    expect(entry.request.agent).toEqual({ idNumber: agent.idNumber, name: agent.name });
    expect(entry.request.completeness.result).toBe('COMPLETE');
    expect(entry.request.materials).toHaveLength(input.supplied.length + 1);
    expect(entry.files).toEqual([
      expect.objectContaining({ materialIndex: input.supplied.length, sha256: 'c'.repeat(64) }),
    ]);
    expect(entry.request.materials[input.supplied.length]).toEqual({
      materialCode: AGENT_AUTHORISATION_MATERIAL,
      source: 'SCAN',
    });

    expect(entry.receipt.applicantCodeMasked).toBe(
      `${consignor.creditCode.slice(0, 3)}***********${consignor.creditCode.slice(-4)}`,
    );
    expect(entry.receipt.agentNameMasked?.slice(1)).toMatch(/^\*+$/);
    const facts = JSON.stringify([entry.receipt, entry.audit]);
    for (const secret of [agent.idNumber, agent.name, consignor.name, consignor.creditCode]) {
      expect(facts.includes(secret)).toBe(false);
    }
    expect(entry.audit.consent.textVersion).toBe('v1');
    expect(entry.audit.materials.map((m) => m.trustLevel)).toContain('C');
  });

  it('leaves behind a document chosen for a holder the form no longer names', () => {
    const input = completeInput();
    const other = syntheticPerson(7);
    const formData = { ...input.formData, 'escort.idNumber': other.idNumber };
    const entry = buildSubmission({
      session,
      item: input.item,
      formData,
      supplied: entries(),
      check: checkCompleteness({ ...input, formData }),
      terminalId: 'HK-DEMO-0001',
      now: new Date(),
    });
    const qualifications = entry.request.materials.filter(
      (m) => m.materialCode === 'DRIVER_ESCORT_QUALIFICATION',
    );
    expect(qualifications.map((m) => m.holderCode)).toEqual([input.formData['driver.idNumber']]);
    expect(entry.request.completeness.result).toBe('INCOMPLETE');
  });
});
