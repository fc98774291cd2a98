/**
 * RDP Doctor's detector: finds RDP-related error codes in text. Pure: no browser or Node APIs, safe to
 * bundle into a content script (it carries the catalogue's compact index, not its summaries).
 */
import { detectorData } from './data.js';
import { detectWith } from './detect.js';
import type { Detection, DetectOptions } from './types.js';

export { buildDetectorData, detectorData } from './data.js';
export { detectWith } from './detect.js';
export type { Detection, DetectionConfidence, DetectOptions, DetectorData, MessageRule, ValueForm } from './types.js';

/** Every RDP-related code (and well-known message) in `text`, in text order. */
export function detect(text: string, opts?: DetectOptions): Detection[] {
  return detectWith(detectorData(), text, opts);
}
