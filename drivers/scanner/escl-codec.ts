/**
 * eSCL (AirScan) XML: ScannerCapabilities, ScannerStatus and ScanSettings, both directions.
 * The client decodes capabilities and status and encodes settings; the simulator does the
 * opposite, so one module serves both and round trips are property-tested.
 *
 * Source of the element names: the Mopria eSCL specification as implemented by sane-airscan
 * (`airscan-escl.c`) and seen in live traffic from MFPs. Prefixes differ between vendors
 * (`scan:` / `escl:` / none), so decoding ignores prefixes and matches local names.
 * Lengths in eSCL are in 1/300 inch (`escl:ThreeHundredthsOfInches`).
 */
import { XMLParser } from 'fast-xml-parser';
import type { Result } from '../common/result.js';
import { err, ok } from '../common/result.js';
import type { ScanSource } from './types.js';
import { MM_PER_INCH } from './types.js';

/** XML namespace of eSCL elements (HP's original 2011 schema, kept by Mopria). */
export const ESCL_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
/** XML namespace of the PWG semantic model elements used inside eSCL. */
export const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';
/** eSCL lengths are in 1/300 inch. */
export const ESCL_UNITS_PER_INCH = 300;
export const ESCL_REGION_UNITS = 'escl:ThreeHundredthsOfInches';

/** eSCL colour modes. The kiosk scans `Grayscale8`; the others are decoded for completeness. */
export type EsclColorMode = 'BlackAndWhite1' | 'Grayscale8' | 'RGB24';
const COLOR_MODES: readonly EsclColorMode[] = ['BlackAndWhite1', 'Grayscale8', 'RGB24'];

/** eSCL `pwg:InputSource` values for our two sources. */
const INPUT_SOURCE: Record<ScanSource, string> = { platen: 'Platen', feeder: 'Feeder' };

export interface EsclInputCaps {
  /** All lengths in 1/300 inch. */
  readonly minWidth: number;
  readonly maxWidth: number;
  readonly minHeight: number;
  readonly maxHeight: number;
  readonly colorModes: readonly EsclColorMode[];
  readonly documentFormats: readonly string[];
  /** Discrete resolutions in dpi (X = Y for every scanner the kiosk supports). */
  readonly resolutions: readonly number[];
}

export interface EsclCapabilities {
  readonly version: string;
  readonly makeAndModel: string;
  readonly serialNumber?: string;
  readonly platen?: EsclInputCaps;
  /** Simplex feeder capabilities (duplex feeders also list simplex). */
  readonly feeder?: EsclInputCaps;
}

/** Scanner-wide state (`pwg:State`). */
export type EsclScannerState = 'Idle' | 'Processing' | 'Testing' | 'Stopped' | 'Down';
const SCANNER_STATES: readonly EsclScannerState[] = [
  'Idle',
  'Processing',
  'Testing',
  'Stopped',
  'Down',
];

/**
 * Feeder state (`scan:AdfState`). The list is the eSCL specification's plus
 * `ScannerAdfDoorOpen`, which some firmware sends instead of `ScannerAdfHatchOpen`.
 */
export type EsclAdfState =
  | 'ScannerAdfProcessing'
  | 'ScannerAdfEmpty'
  | 'ScannerAdfJam'
  | 'ScannerAdfLoaded'
  | 'ScannerAdfMispick'
  | 'ScannerAdfHatchOpen'
  | 'ScannerAdfDoorOpen'
  | 'ScannerAdfDuplexPageTooShort'
  | 'ScannerAdfDuplexPageTooLong'
  | 'ScannerAdfMultipickDetected'
  | 'ScannerAdfInputTrayFailed'
  | 'ScannerAdfInputTrayOverloaded';
const ADF_STATES: readonly EsclAdfState[] = [
  'ScannerAdfProcessing',
  'ScannerAdfEmpty',
  'ScannerAdfJam',
  'ScannerAdfLoaded',
  'ScannerAdfMispick',
  'ScannerAdfHatchOpen',
  'ScannerAdfDoorOpen',
  'ScannerAdfDuplexPageTooShort',
  'ScannerAdfDuplexPageTooLong',
  'ScannerAdfMultipickDetected',
  'ScannerAdfInputTrayFailed',
  'ScannerAdfInputTrayOverloaded',
];

export type EsclJobState = 'Pending' | 'Processing' | 'Completed' | 'Canceled' | 'Aborted';
const JOB_STATES: readonly EsclJobState[] = [
  'Pending',
  'Processing',
  'Completed',
  'Canceled',
  'Aborted',
];

export interface EsclJobInfo {
  readonly jobUri: string;
  readonly jobUuid: string;
  readonly imagesCompleted: number;
  readonly jobState: EsclJobState;
  readonly jobStateReasons: readonly string[];
}

export interface EsclStatus {
  readonly version: string;
  readonly state: EsclScannerState;
  /** Absent on scanners without a feeder. */
  readonly adfState?: EsclAdfState;
  readonly jobs: readonly EsclJobInfo[];
}

export interface EsclScanSettings {
  readonly version: string;
  readonly source: ScanSource;
  readonly colorMode: EsclColorMode;
  /** dpi; X and Y are always equal here. */
  readonly resolution: number;
  /** Region in 1/300 inch. */
  readonly xOffset: number;
  readonly yOffset: number;
  readonly width: number;
  readonly height: number;
  readonly documentFormat: string;
}

// ---- units -------------------------------------------------------------------------------

export function mmToEsclUnits(mm: number): number {
  return Math.round((mm / MM_PER_INCH) * ESCL_UNITS_PER_INCH);
}

export function esclUnitsToMm(units: number): number {
  return (units / ESCL_UNITS_PER_INCH) * MM_PER_INCH;
}

// ---- encoding ----------------------------------------------------------------------------

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const NAMESPACES = `xmlns:scan="${ESCL_NS}" xmlns:pwg="${PWG_NS}"`;

/** Escapes text content; eSCL values are mostly enums and numbers but model names are free. */
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function requireNonNegativeInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`eSCL ${name} must be a non-negative integer, got ${value}`);
  }
}

export function encodeScanSettings(settings: EsclScanSettings): string {
  for (const key of ['resolution', 'xOffset', 'yOffset', 'width', 'height'] as const) {
    requireNonNegativeInteger(key, settings[key]);
  }
  return [
    XML_DECLARATION,
    `<scan:ScanSettings ${NAMESPACES}>`,
    `<pwg:Version>${escapeXmlText(settings.version)}</pwg:Version>`,
    '<scan:Intent>Document</scan:Intent>',
    '<pwg:ScanRegions><pwg:ScanRegion>',
    `<pwg:ContentRegionUnits>${ESCL_REGION_UNITS}</pwg:ContentRegionUnits>`,
    `<pwg:XOffset>${settings.xOffset}</pwg:XOffset>`,
    `<pwg:YOffset>${settings.yOffset}</pwg:YOffset>`,
    `<pwg:Width>${settings.width}</pwg:Width>`,
    `<pwg:Height>${settings.height}</pwg:Height>`,
    '</pwg:ScanRegion></pwg:ScanRegions>',
    `<pwg:InputSource>${INPUT_SOURCE[settings.source]}</pwg:InputSource>`,
    `<scan:ColorMode>${settings.colorMode}</scan:ColorMode>`,
    `<scan:XResolution>${settings.resolution}</scan:XResolution>`,
    `<scan:YResolution>${settings.resolution}</scan:YResolution>`,
    `<pwg:DocumentFormat>${escapeXmlText(settings.documentFormat)}</pwg:DocumentFormat>`,
    `<scan:DocumentFormatExt>${escapeXmlText(settings.documentFormat)}</scan:DocumentFormatExt>`,
    '</scan:ScanSettings>',
  ].join('\n');
}

function encodeInputCaps(tag: string, caps: EsclInputCaps): string {
  const resolutions = caps.resolutions
    .map(
      (dpi) =>
        `<scan:DiscreteResolution><scan:XResolution>${dpi}</scan:XResolution>` +
        `<scan:YResolution>${dpi}</scan:YResolution></scan:DiscreteResolution>`,
    )
    .join('');
  return [
    `<scan:${tag}>`,
    `<scan:MinWidth>${caps.minWidth}</scan:MinWidth>`,
    `<scan:MaxWidth>${caps.maxWidth}</scan:MaxWidth>`,
    `<scan:MinHeight>${caps.minHeight}</scan:MinHeight>`,
    `<scan:MaxHeight>${caps.maxHeight}</scan:MaxHeight>`,
    '<scan:MaxScanRegions>1</scan:MaxScanRegions>',
    '<scan:SettingProfiles><scan:SettingProfile>',
    '<scan:ColorModes>',
    ...caps.colorModes.map((m) => `<scan:ColorMode>${m}</scan:ColorMode>`),
    '</scan:ColorModes>',
    '<scan:DocumentFormats>',
    ...caps.documentFormats.map(
      (f) =>
        `<pwg:DocumentFormat>${escapeXmlText(f)}</pwg:DocumentFormat>` +
        `<scan:DocumentFormatExt>${escapeXmlText(f)}</scan:DocumentFormatExt>`,
    ),
    '</scan:DocumentFormats>',
    `<scan:SupportedResolutions><scan:DiscreteResolutions>${resolutions}</scan:DiscreteResolutions></scan:SupportedResolutions>`,
    '</scan:SettingProfile></scan:SettingProfiles>',
    `</scan:${tag}>`,
  ].join('\n');
}

export function encodeCapabilities(caps: EsclCapabilities): string {
  const parts = [
    XML_DECLARATION,
    `<scan:ScannerCapabilities ${NAMESPACES}>`,
    `<pwg:Version>${escapeXmlText(caps.version)}</pwg:Version>`,
    `<pwg:MakeAndModel>${escapeXmlText(caps.makeAndModel)}</pwg:MakeAndModel>`,
  ];
  if (caps.serialNumber !== undefined) {
    parts.push(`<pwg:SerialNumber>${escapeXmlText(caps.serialNumber)}</pwg:SerialNumber>`);
  }
  if (caps.platen) {
    parts.push('<scan:Platen>', encodeInputCaps('PlatenInputCaps', caps.platen), '</scan:Platen>');
  }
  if (caps.feeder) {
    parts.push(
      '<scan:Adf>',
      encodeInputCaps('AdfSimplexInputCaps', caps.feeder),
      '<scan:FeederCapacity>50</scan:FeederCapacity>',
      '</scan:Adf>',
    );
  }
  parts.push('</scan:ScannerCapabilities>');
  return parts.join('\n');
}

export function encodeStatus(status: EsclStatus): string {
  const jobs = status.jobs.map((job) =>
    [
      '<scan:JobInfo>',
      `<pwg:JobUri>${escapeXmlText(job.jobUri)}</pwg:JobUri>`,
      `<pwg:JobUuid>${escapeXmlText(job.jobUuid)}</pwg:JobUuid>`,
      `<pwg:ImagesCompleted>${job.imagesCompleted}</pwg:ImagesCompleted>`,
      `<pwg:JobState>${job.jobState}</pwg:JobState>`,
      '<pwg:JobStateReasons>',
      ...job.jobStateReasons.map(
        (r) => `<pwg:JobStateReason>${escapeXmlText(r)}</pwg:JobStateReason>`,
      ),
      '</pwg:JobStateReasons>',
      '</scan:JobInfo>',
    ].join(''),
  );
  return [
    XML_DECLARATION,
    `<scan:ScannerStatus ${NAMESPACES}>`,
    `<pwg:Version>${escapeXmlText(status.version)}</pwg:Version>`,
    `<pwg:State>${status.state}</pwg:State>`,
    ...(status.adfState === undefined ? [] : [`<scan:AdfState>${status.adfState}</scan:AdfState>`]),
    `<scan:Jobs>${jobs.join('')}</scan:Jobs>`,
    '</scan:ScannerStatus>',
  ].join('\n');
}

// ---- decoding ----------------------------------------------------------------------------

/**
 * Containers whose children may repeat; the parser returns arrays for those children even
 * when there is one. (`ColorMode` repeats inside `ColorModes` but is single in ScanSettings.)
 */
const REPEATING_PARENTS = new Set([
  'ColorModes',
  'DocumentFormats',
  'DiscreteResolutions',
  'SettingProfiles',
  'Jobs',
  'JobStateReasons',
]);

function isRepeated(jPath: unknown): boolean {
  if (typeof jPath !== 'string') return false;
  const parts = jPath.split('.');
  const parent = parts[parts.length - 2];
  return parent !== undefined && REPEATING_PARENTS.has(parent.replace(/^.*:/, ''));
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Keep every value a string: "2.60" must stay a version, not become 2.6.
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jPath) => isRepeated(jPath),
  processEntities: true,
});

type Node = Record<string, unknown>;

/** Why an eSCL document could not be decoded; `path` names the element. */
export interface EsclDecodeError {
  readonly path: string;
  readonly message: string;
}

class DecodeFailure extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function parseRoot(xml: string, rootName: string): Node {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    throw new DecodeFailure('/', `not well-formed XML: ${(e as Error).message}`);
  }
  const root = (doc as Node)[rootName];
  if (root === undefined || root === null || typeof root !== 'object') {
    throw new DecodeFailure('/', `expected a ${rootName} element`);
  }
  return root as Node;
}

function child(node: Node, name: string, path: string): Node {
  const value = node[name];
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DecodeFailure(`${path}/${name}`, `missing ${name}`);
  }
  return value as Node;
}

function optionalChild(node: Node, name: string): Node | undefined {
  const value = node[name];
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  return value as Node;
}

function text(node: Node, name: string, path: string): string {
  const value = node[name];
  if (typeof value !== 'string') throw new DecodeFailure(`${path}/${name}`, `missing ${name}`);
  return value;
}

function optionalText(node: Node, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' ? value : undefined;
}

function integer(node: Node, name: string, path: string): number {
  const raw = text(node, name, path);
  if (!/^\d{1,9}$/.test(raw)) {
    throw new DecodeFailure(`${path}/${name}`, `${name} must be a whole number, got "${raw}"`);
  }
  return Number(raw);
}

function oneOf<T extends string>(
  allowed: readonly T[],
  raw: string,
  path: string,
  name: string,
): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new DecodeFailure(path, `unknown ${name} "${raw}"`);
  }
  return raw as T;
}

function list(node: Node | undefined, name: string): unknown[] {
  if (!node) return [];
  const value = node[name];
  return Array.isArray(value) ? value : [];
}

function decodeInputCaps(node: Node, path: string): EsclInputCaps {
  const colorModes = new Set<EsclColorMode>();
  const formats = new Set<string>();
  const resolutions = new Set<number>();
  const profiles = list(optionalChild(node, 'SettingProfiles'), 'SettingProfile');
  for (const [i, profileValue] of profiles.entries()) {
    const profile = profileValue as Node;
    const profilePath = `${path}/SettingProfiles/SettingProfile[${i}]`;
    for (const mode of list(optionalChild(profile, 'ColorModes'), 'ColorMode')) {
      // Unknown modes (e.g. `Grayscale16`) exist on some scanners; skip rather than fail.
      if (typeof mode === 'string' && (COLOR_MODES as readonly string[]).includes(mode)) {
        colorModes.add(mode as EsclColorMode);
      }
    }
    const formatsNode = optionalChild(profile, 'DocumentFormats');
    for (const f of [
      ...list(formatsNode, 'DocumentFormat'),
      ...list(formatsNode, 'DocumentFormatExt'),
    ]) {
      if (typeof f === 'string') formats.add(f);
    }
    const supported = optionalChild(profile, 'SupportedResolutions');
    const discrete = supported ? optionalChild(supported, 'DiscreteResolutions') : undefined;
    for (const [j, r] of list(discrete, 'DiscreteResolution').entries()) {
      resolutions.add(integer(r as Node, 'XResolution', `${profilePath}/DiscreteResolution[${j}]`));
    }
  }
  return {
    minWidth: integer(node, 'MinWidth', path),
    maxWidth: integer(node, 'MaxWidth', path),
    minHeight: integer(node, 'MinHeight', path),
    maxHeight: integer(node, 'MaxHeight', path),
    colorModes: COLOR_MODES.filter((m) => colorModes.has(m)),
    documentFormats: [...formats],
    resolutions: [...resolutions].sort((a, b) => a - b),
  };
}

function attempt<T>(decode: () => T): Result<T, EsclDecodeError> {
  try {
    return ok(decode());
  } catch (e) {
    if (e instanceof DecodeFailure) return err({ path: e.path, message: e.message });
    throw e;
  }
}

export function decodeCapabilities(xml: string): Result<EsclCapabilities, EsclDecodeError> {
  return attempt(() => {
    const root = parseRoot(xml, 'ScannerCapabilities');
    const path = '/ScannerCapabilities';
    const platenNode = optionalChild(root, 'Platen');
    const adfNode = optionalChild(root, 'Adf');
    const platenCaps = platenNode ? optionalChild(platenNode, 'PlatenInputCaps') : undefined;
    const feederCaps = adfNode
      ? (optionalChild(adfNode, 'AdfSimplexInputCaps') ??
        optionalChild(adfNode, 'AdfDuplexInputCaps'))
      : undefined;
    const serialNumber = optionalText(root, 'SerialNumber');
    return {
      version: text(root, 'Version', path),
      makeAndModel: optionalText(root, 'MakeAndModel') ?? 'unknown eSCL scanner',
      ...(serialNumber === undefined ? {} : { serialNumber }),
      ...(platenCaps
        ? { platen: decodeInputCaps(platenCaps, `${path}/Platen/PlatenInputCaps`) }
        : {}),
      ...(feederCaps ? { feeder: decodeInputCaps(feederCaps, `${path}/Adf`) } : {}),
    };
  });
}

export function decodeStatus(xml: string): Result<EsclStatus, EsclDecodeError> {
  return attempt(() => {
    const root = parseRoot(xml, 'ScannerStatus');
    const path = '/ScannerStatus';
    const adfRaw = optionalText(root, 'AdfState');
    const jobs = list(optionalChild(root, 'Jobs'), 'JobInfo').map((value, i): EsclJobInfo => {
      const job = value as Node;
      const jobPath = `${path}/Jobs/JobInfo[${i}]`;
      return {
        jobUri: text(job, 'JobUri', jobPath),
        jobUuid: optionalText(job, 'JobUuid') ?? '',
        imagesCompleted:
          optionalText(job, 'ImagesCompleted') === undefined
            ? 0
            : integer(job, 'ImagesCompleted', jobPath),
        jobState: oneOf(
          JOB_STATES,
          text(job, 'JobState', jobPath),
          `${jobPath}/JobState`,
          'JobState',
        ),
        jobStateReasons: list(optionalChild(job, 'JobStateReasons'), 'JobStateReason').filter(
          (r): r is string => typeof r === 'string',
        ),
      };
    });
    return {
      version: text(root, 'Version', path),
      state: oneOf(SCANNER_STATES, text(root, 'State', path), `${path}/State`, 'State'),
      ...(adfRaw === undefined
        ? {}
        : { adfState: oneOf(ADF_STATES, adfRaw, `${path}/AdfState`, 'AdfState') }),
      jobs,
    };
  });
}

export function decodeScanSettings(xml: string): Result<EsclScanSettings, EsclDecodeError> {
  return attempt(() => {
    const root = parseRoot(xml, 'ScanSettings');
    const path = '/ScanSettings';
    const regions = child(root, 'ScanRegions', path);
    const region = child(regions, 'ScanRegion', `${path}/ScanRegions`);
    const regionPath = `${path}/ScanRegions/ScanRegion`;
    const units = optionalText(region, 'ContentRegionUnits');
    if (units !== undefined && units !== ESCL_REGION_UNITS) {
      throw new DecodeFailure(`${regionPath}/ContentRegionUnits`, `unsupported units "${units}"`);
    }
    const sourceRaw = text(root, 'InputSource', path);
    const source = (Object.keys(INPUT_SOURCE) as ScanSource[]).find(
      (s) => INPUT_SOURCE[s] === sourceRaw,
    );
    if (!source)
      throw new DecodeFailure(`${path}/InputSource`, `unknown InputSource "${sourceRaw}"`);
    const x = integer(root, 'XResolution', path);
    const y =
      optionalText(root, 'YResolution') === undefined ? x : integer(root, 'YResolution', path);
    if (x !== y) {
      throw new DecodeFailure(
        `${path}/YResolution`,
        `XResolution ${x} and YResolution ${y} differ`,
      );
    }
    const documentFormat =
      optionalText(root, 'DocumentFormatExt') ??
      optionalText(root, 'DocumentFormat') ??
      'image/jpeg';
    return {
      version: text(root, 'Version', path),
      source,
      colorMode: oneOf(
        COLOR_MODES,
        text(root, 'ColorMode', path),
        `${path}/ColorMode`,
        'ColorMode',
      ),
      resolution: x,
      xOffset:
        optionalText(region, 'XOffset') === undefined ? 0 : integer(region, 'XOffset', regionPath),
      yOffset:
        optionalText(region, 'YOffset') === undefined ? 0 : integer(region, 'YOffset', regionPath),
      width: integer(region, 'Width', regionPath),
      height: integer(region, 'Height', regionPath),
      documentFormat,
    };
  });
}
