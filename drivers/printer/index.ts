/** The receipt printer family: codec, encoder, layouts, transports, driver and simulator. */
export * from './status.js';
export * from './chinese-text.js';
export * from './receipt-document.js';
export * from './receipt-encoder.js';
export * from './receipt-layout.js';
export * from './escpos-decoder.js';
export * from './receipt-picture.js';
export * from './transports.js';
export * from './driver.js';
export * from './simulator.js';
