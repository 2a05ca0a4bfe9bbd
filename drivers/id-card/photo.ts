/**
 * The card photo is 1024 bytes of a proprietary wavelet format ("WLT"). Only licensed vendor
 * libraries decode it (to a 102 x 126, 24-bit BMP), so the kiosk keeps the bytes opaque and
 * puts any decoder behind this interface. With no decoder configured the UI shows a
 * placeholder instead of the photo.
 */
import type { DeviceError, Result } from '../common/result.js';
import { encodeAnswer, encodeCardData, type CardData } from './codec.js';
import { SW3 } from './status.js';

/** Width and height of the decoded photo, pixels. */
export const PHOTO_WIDTH_PX = 102;
export const PHOTO_HEIGHT_PX = 126;

export interface DecodedPhoto {
  readonly mimeType: 'image/bmp' | 'image/png' | 'image/jpeg';
  readonly bytes: Uint8Array;
}

export interface PhotoDecoder {
  decode(card: CardData): Promise<Result<DecodedPhoto, DeviceError>>;
}

/**
 * The 1295-byte answer to a text+photo read (`30 01`) rebuilt from a card's blocks. Several
 * vendor WLT decoders take this whole frame rather than the photo alone; a read made with
 * fingerprint (`30 10`) is rebuilt without its FpLen field, as those decoders expect.
 */
export function baseReadFrame(card: CardData): Uint8Array {
  return encodeAnswer(SW3.SUCCESS, encodeCardData({ text: card.text, photo: card.photo }, false));
}
