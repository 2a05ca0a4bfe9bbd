/**
 * The static "out of service" screen the crash breaker shows after the renderer crashed too
 * often. Main serves it from memory over `app://kiosk` so it needs nothing from the renderer
 * build (which may be what is broken) and still gets the CSP header; the CSP forbids inline
 * styles, hence the separate stylesheet.
 */
import type { BuiltinPage } from './protocol.js';

export const OUT_OF_SERVICE_PATH = '/__kiosk/out-of-service.html';
const OUT_OF_SERVICE_CSS_PATH = '/__kiosk/out-of-service.css';

const HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>暂停服务 / Out of service</title>
<link rel="stylesheet" href="${OUT_OF_SERVICE_CSS_PATH}">
</head>
<body>
<main>
<h1>本机暂停服务</h1>
<p>请到其他自助终端或人工窗口办理。</p>
<h1 lang="en">This kiosk is out of service</h1>
<p lang="en">Please use another kiosk or a staffed counter.</p>
</main>
</body>
</html>
`;

const CSS = `html, body { margin: 0; height: 100%; background: #fff; color: #1a1a1a; }
body { display: flex; align-items: center; justify-content: center;
  font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; }
main { max-width: 48rem; padding: 2rem; text-align: center; }
h1 { font-size: 2.5rem; margin: 2rem 0 1rem; }
p { font-size: 1.5rem; line-height: 1.5; }
`;

/** The pages to pass as `builtinPages` to the app protocol handler. */
export const OUT_OF_SERVICE_PAGES: Readonly<Record<string, BuiltinPage>> = {
  [OUT_OF_SERVICE_PATH]: { contentType: 'text/html; charset=utf-8', body: HTML },
  [OUT_OF_SERVICE_CSS_PATH]: { contentType: 'text/css; charset=utf-8', body: CSS },
};
