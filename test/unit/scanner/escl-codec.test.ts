import { describe, expect, it } from 'vitest';
import {
  decodeCapabilities,
  decodeScanSettings,
  decodeStatus,
  encodeCapabilities,
  encodeScanSettings,
  esclUnitsToMm,
  mmToEsclUnits,
} from '../../../drivers/scanner/escl-codec.js';

/** Capabilities as an MFP might send them: `escl:` prefix instead of `scan:`, duplex feeder only. */
const VENDOR_CAPABILITIES = `<?xml version="1.0" encoding="UTF-8"?>
<escl:ScannerCapabilities xmlns:escl="http://schemas.hp.com/imaging/escl/2011/05/03"
    xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.62</pwg:Version>
  <pwg:MakeAndModel>Example MFP 4020</pwg:MakeAndModel>
  <escl:Platen>
    <escl:PlatenInputCaps>
      <escl:MinWidth>16</escl:MinWidth><escl:MaxWidth>2550</escl:MaxWidth>
      <escl:MinHeight>16</escl:MinHeight><escl:MaxHeight>3508</escl:MaxHeight>
      <escl:SettingProfiles>
        <escl:SettingProfile>
          <escl:ColorModes>
            <escl:ColorMode>BlackAndWhite1</escl:ColorMode>
            <escl:ColorMode>Grayscale16</escl:ColorMode>
            <escl:ColorMode>Grayscale8</escl:ColorMode>
            <escl:ColorMode>RGB24</escl:ColorMode>
          </escl:ColorModes>
          <escl:DocumentFormats>
            <pwg:DocumentFormat>application/pdf</pwg:DocumentFormat>
            <pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
          </escl:DocumentFormats>
          <escl:SupportedResolutions>
            <escl:DiscreteResolutions>
              <escl:DiscreteResolution><escl:XResolution>600</escl:XResolution><escl:YResolution>600</escl:YResolution></escl:DiscreteResolution>
              <escl:DiscreteResolution><escl:XResolution>300</escl:XResolution><escl:YResolution>300</escl:YResolution></escl:DiscreteResolution>
            </escl:DiscreteResolutions>
          </escl:SupportedResolutions>
        </escl:SettingProfile>
      </escl:SettingProfiles>
    </escl:PlatenInputCaps>
  </escl:Platen>
  <escl:Adf>
    <escl:AdfDuplexInputCaps>
      <escl:MinWidth>300</escl:MinWidth><escl:MaxWidth>2550</escl:MaxWidth>
      <escl:MinHeight>300</escl:MinHeight><escl:MaxHeight>4200</escl:MaxHeight>
      <escl:SettingProfiles><escl:SettingProfile>
        <escl:ColorModes><escl:ColorMode>Grayscale8</escl:ColorMode></escl:ColorModes>
        <escl:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat></escl:DocumentFormats>
        <escl:SupportedResolutions><escl:DiscreteResolutions>
          <escl:DiscreteResolution><escl:XResolution>200</escl:XResolution><escl:YResolution>200</escl:YResolution></escl:DiscreteResolution>
        </escl:DiscreteResolutions></escl:SupportedResolutions>
      </escl:SettingProfile></escl:SettingProfiles>
    </escl:AdfDuplexInputCaps>
  </escl:Adf>
</escl:ScannerCapabilities>`;

describe('eSCL capabilities', () => {
  it('decodes a vendor document whatever the prefix, skipping unknown colour modes', () => {
    const caps = decodeCapabilities(VENDOR_CAPABILITIES);
    expect(caps.ok).toBe(true);
    if (!caps.ok) return;
    expect(caps.value.makeAndModel).toBe('Example MFP 4020');
    expect(caps.value.version).toBe('2.62');
    expect(caps.value.platen?.colorModes).toEqual(['BlackAndWhite1', 'Grayscale8', 'RGB24']);
    expect(caps.value.platen?.resolutions).toEqual([300, 600]);
    expect(caps.value.platen?.documentFormats).toEqual(['application/pdf', 'image/jpeg']);
    // Only a duplex feeder is listed: it is used as the feeder.
    expect(caps.value.feeder?.maxHeight).toBe(4200);
    expect(caps.value.feeder?.resolutions).toEqual([200]);
  });

  it('names the missing element', () => {
    const broken = VENDOR_CAPABILITIES.replace('<escl:MaxWidth>2550</escl:MaxWidth>', '');
    const caps = decodeCapabilities(broken);
    expect(caps).toEqual({
      ok: false,
      error: {
        path: '/ScannerCapabilities/Platen/PlatenInputCaps/MaxWidth',
        message: 'missing MaxWidth',
      },
    });
  });

  it('refuses text that is not XML, and XML of another kind', () => {
    const garbage = decodeCapabilities('<<<not xml');
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(garbage.error.message).toMatch(/not well-formed|expected/);
    const other = decodeCapabilities(
      '<?xml version="1.0"?><ScannerStatus><Version>2.0</Version></ScannerStatus>',
    );
    expect(other).toEqual({
      ok: false,
      error: { path: '/', message: 'expected a ScannerCapabilities element' },
    });
  });

  it('round-trips what the simulator announces', () => {
    const input = {
      minWidth: 150,
      maxWidth: 2480,
      minHeight: 150,
      maxHeight: 3508,
      colorModes: ['Grayscale8', 'RGB24'] as const,
      documentFormats: ['image/jpeg'],
      resolutions: [100, 200, 300],
    };
    const xml = encodeCapabilities({
      version: '2.63',
      makeAndModel: 'A & B <Scanner>',
      platen: input,
    });
    expect(xml).toContain('A &amp; B &lt;Scanner&gt;');
    expect(decodeCapabilities(xml)).toEqual({
      ok: true,
      value: { version: '2.63', makeAndModel: 'A & B <Scanner>', platen: input },
    });
  });
});

describe('eSCL status', () => {
  it('decodes scanner state, feeder state and jobs', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.6</pwg:Version>
  <pwg:State>Idle</pwg:State>
  <scan:AdfState>ScannerAdfJam</scan:AdfState>
  <scan:Jobs>
    <scan:JobInfo>
      <pwg:JobUri>/eSCL/ScanJobs/7a1c</pwg:JobUri>
      <pwg:JobUuid>7a1c</pwg:JobUuid>
      <pwg:ImagesCompleted>2</pwg:ImagesCompleted>
      <pwg:JobState>Aborted</pwg:JobState>
      <pwg:JobStateReasons><pwg:JobStateReason>AdfJam</pwg:JobStateReason></pwg:JobStateReasons>
    </scan:JobInfo>
  </scan:Jobs>
</scan:ScannerStatus>`;
    expect(decodeStatus(xml)).toEqual({
      ok: true,
      value: {
        version: '2.6',
        state: 'Idle',
        adfState: 'ScannerAdfJam',
        jobs: [
          {
            jobUri: '/eSCL/ScanJobs/7a1c',
            jobUuid: '7a1c',
            imagesCompleted: 2,
            jobState: 'Aborted',
            jobStateReasons: ['AdfJam'],
          },
        ],
      },
    });
  });

  it('refuses an unknown scanner state with its path', () => {
    const xml = '<ScannerStatus><Version>2.0</Version><State>Sleeping</State></ScannerStatus>';
    expect(decodeStatus(xml)).toEqual({
      ok: false,
      error: { path: '/ScannerStatus/State', message: 'unknown State "Sleeping"' },
    });
  });
});

describe('eSCL scan settings', () => {
  it('encodes A4 grey at 200 dpi in 1/300 inch and decodes it back', () => {
    const settings = {
      version: '2.0',
      source: 'feeder' as const,
      colorMode: 'Grayscale8' as const,
      resolution: 200,
      xOffset: 0,
      yOffset: 0,
      width: mmToEsclUnits(210),
      height: mmToEsclUnits(297),
      documentFormat: 'image/jpeg',
    };
    expect(settings.width).toBe(2480);
    expect(settings.height).toBe(3508);
    const xml = encodeScanSettings(settings);
    expect(xml).toContain('<pwg:InputSource>Feeder</pwg:InputSource>');
    expect(xml).toContain(
      '<pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
    );
    expect(decodeScanSettings(xml)).toEqual({ ok: true, value: settings });
  });

  it('refuses negative or fractional lengths when encoding', () => {
    const base = {
      version: '2.0',
      source: 'platen' as const,
      colorMode: 'Grayscale8' as const,
      resolution: 300,
      xOffset: 0,
      yOffset: 0,
      width: 100,
      height: 100,
      documentFormat: 'image/jpeg',
    };
    expect(() => encodeScanSettings({ ...base, width: -1 })).toThrow(
      /width must be a non-negative integer/,
    );
    expect(() => encodeScanSettings({ ...base, resolution: 200.5 })).toThrow(/resolution/);
  });

  it('refuses different X and Y resolutions', () => {
    const xml = encodeScanSettings({
      version: '2.0',
      source: 'platen',
      colorMode: 'RGB24',
      resolution: 300,
      xOffset: 0,
      yOffset: 0,
      width: 2480,
      height: 3508,
      documentFormat: 'image/jpeg',
    }).replace(
      '<scan:YResolution>300</scan:YResolution>',
      '<scan:YResolution>600</scan:YResolution>',
    );
    const decoded = decodeScanSettings(xml);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok)
      expect(decoded.error.message).toBe('XResolution 300 and YResolution 600 differ');
  });

  it('converts millimetres and 1/300 inch both ways', () => {
    expect(mmToEsclUnits(25.4)).toBe(300);
    expect(esclUnitsToMm(300)).toBeCloseTo(25.4, 10);
    expect(esclUnitsToMm(mmToEsclUnits(297))).toBeCloseTo(297, 0);
  });
});
