/**
 * One handler per operationId of openapi.yaml, gathered from sandbox/api/. The server has
 * already matched the route, verified the signature, and validated parameters and JSON
 * bodies against the spec, so handlers check only what the schema cannot (references,
 * ownership, state).
 */
import { getClock, getHealth, moveClock, putHeartbeat } from './api/admin.js';
import { getRecommendations, putRating } from './api/applicants.js';
import {
  createApplication,
  getApplication,
  getApplicationByTrackingNumber,
  searchApplications,
  submitSupplement,
} from './api/applications.js';
import { getItem, getItemVersion, listItemRecords, listItems } from './api/catalogue.js';
import type { Handler } from './api/context.js';
import {
  createDerivedCopy,
  getDerivedCopy,
  lookupDocuments,
  previewDocument,
} from './api/documents.js';
import { uploadFile } from './api/files.js';
import { issueAppIdentityCode, resolveAppIdentity } from './api/identities.js';
import {
  getSandboxPermitCode,
  listPermitKeys,
  recordFlowEvent,
  traceBatch,
  verifyPermit,
} from './api/permits.js';

export type { Handler, HandlerContext } from './api/context.js';
export { FILE_MAX_BYTES } from './api/files.js';

export const HANDLERS: Record<string, Handler> = {
  getHealth,
  listPermitKeys,
  listItems,
  listItemRecords,
  getItem,
  getItemVersion,
  lookupDocuments,
  previewDocument,
  createDerivedCopy,
  getDerivedCopy,
  uploadFile,
  createApplication,
  searchApplications,
  getApplication,
  getApplicationByTrackingNumber,
  submitSupplement,
  verifyPermit,
  traceBatch,
  resolveAppIdentity,
  issueAppIdentityCode,
  getSandboxPermitCode,
  getRecommendations,
  putRating,
  putHeartbeat,
  getClock,
  moveClock,
  recordFlowEvent,
};

/** Operations that exist only when the sandbox runs with a movable (test) clock. */
export const ADMIN_OPERATIONS = new Set(['getClock', 'moveClock', 'recordFlowEvent']);
