// Redraws the README's two pictures in headless Chromium (Debian's /usr/bin/chromium; nothing downloads a browser).
//   npm install --prefix /tmp/pics bpmn-js puppeteer-core
//   NODE_PATH=/tmp/pics/node_modules node docs/redraw-pictures.js process
//       docs/account-transfer-process.png: processes/account-transfer.bpmn drawn by bpmn-js, 2000 px wide
//   NODE_PATH=/tmp/pics/node_modules node docs/redraw-pictures.js cockpit http://localhost:8080
//       docs/cockpit-runtime.png: Cockpit's AccountTransfer runtime page, signed in as admin (embedded default
//       running, with a few transfers made through the API so that instances wait at different steps)
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const docs = __dirname;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function drawProcess(page, width) {
  const dist = path.join(path.dirname(require.resolve('bpmn-js/package.json')), 'dist');
  await page.setContent('<!doctype html><div id="c" style="width:4000px;height:3000px"></div>');
  await page.addScriptTag({ path: path.join(dist, 'bpmn-viewer.production.min.js') });
  const xml = fs.readFileSync(path.join(docs, '..', 'processes', 'account-transfer.bpmn'), 'utf8');
  const { svg, warnings } = await page.evaluate(async (xml) => {
    const viewer = new BpmnJS({ container: '#c' });
    const { warnings } = await viewer.importXML(xml);
    return { svg: (await viewer.saveSVG()).svg, warnings: warnings.map((w) => w.message) };
  }, xml);
  if (warnings.length) throw new Error('bpmn-js: ' + warnings.join('; '));
  // the exported SVG's viewBox holds every shape and label; scale it to the width on a white page
  const [, , w, h] = svg.match(/viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/).slice(1).map(Number);
  const pad = 20, inner = width - 2 * pad, innerHeight = Math.round(h * inner / w), height = innerHeight + 2 * pad;
  await page.setViewport({ width, height });
  await page.setContent(`<!doctype html><body style="margin:0;padding:${pad}px;background:#fff">${svg
    .replace(/<\?xml[^>]*>|<!DOCTYPE[^>]*>/g, '')
    .replace(/width="[\d.]+" height="[\d.]+"/, `width="${inner}" height="${innerHeight}"`)}</body>`);
  await page.screenshot({ path: path.join(docs, 'account-transfer-process.png'), clip: { x: 0, y: 0, width, height } });
}

async function shootCockpit(page, base) {
  const staff = { Authorization: 'Basic ' + Buffer.from('admin:admin').toString('base64') };
  const definition = await (await fetch(base + '/engine-rest/process-definition/key/AccountTransfer',
    { headers: staff })).json();
  await page.setViewport({ width: 1600, height: 1000, deviceScaleFactor: 1.25 });
  await page.goto(base + '/camunda/app/cockpit/default/', { waitUntil: 'networkidle0' });
  await page.waitForSelector('input[type=password]');
  await page.type('input[type=text].form-control', 'admin');
  await page.type('input[type=password]', 'admin');
  await page.click('button.btn-primary[type=submit]');
  await page.waitForNavigation({ waitUntil: 'networkidle0' }).catch(() => {});
  await page.goto(base + '/camunda/app/cockpit/default/#/process-definition/' + definition.id + '/runtime',
    { waitUntil: 'networkidle0' });
  await page.waitForSelector('.djs-container svg');
  await pause(4000); // the instance counts arrive after the diagram
  await page.screenshot({ path: path.join(docs, 'cockpit-runtime.png') });
}

(async () => {
  const [what, base] = process.argv.slice(2);
  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    if (what === 'process') await drawProcess(page, 2000);
    else if (what === 'cockpit' && base) await shootCockpit(page, base.replace(/\/$/, ''));
    else throw new Error('usage: redraw-pictures.js process | cockpit BASE_URL');
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e.message || e); process.exit(1); });
