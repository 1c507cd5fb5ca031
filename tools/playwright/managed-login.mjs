// Drives Debian's Chromium (headless, through playwright-core) through the emulator's managed login, as a person would:
// the seed user with its temporary password and the new-password page, a sign-out, a TOTP user with the code of an
// authenticator app (otpauth), each landing on the test's loopback redirect listener; then the emulator's own web page,
// read back and kept as a screenshot. Reads its plan as JSON on stdin, prints what it saw as JSON on stdout. It prints no
// code, token, password or secret.
//
//   {"seed": {"authorizeUrl", "username", "temporaryPassword", "newPassword"},
//    "totp": {"authorizeUrl", "username", "password", "secret"},
//    "logoutUrl", "callbackPrefix", "localPageUrl", "screenshot"}
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { chromium } from 'playwright-core';

// The machine's notes (shared/REFERENCE.md): without these, Chromium keeps trying to reach the internet.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const plan = JSON.parse(readFileSync(0, 'utf8'));
const seen = { steps: [] };
const userDataDir = mkdtempSync(join(tmpdir(), 'cognito-auth-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: FLAGS,
  viewport: { width: 1280, height: 900 },
});

const formOf = (page) => page.evaluate(() => {
  const forms = [...document.querySelectorAll('form')];
  return {
    title: document.title,
    forms: forms.length,
    inputs: forms.flatMap(f => [...f.querySelectorAll('input')].map(i => i.name)),
    submitButtons: forms.flatMap(f => [...f.querySelectorAll('button[type=submit], input[type=submit]')]).length,
    error: document.querySelector('[role=alert]')?.textContent ?? null,
  };
});

// Where the browser landed, without the code: the address up to its query, and which parameters it had.
const landing = async (page) => {
  const url = new URL(page.url());
  return { at: url.origin + url.pathname, parameters: [...url.searchParams.keys()], text: (await page.textContent('body'))?.trim() ?? '' };
};

const submitTo = async (page, prefix) => {
  await Promise.all([page.waitForURL(u => u.href.startsWith(prefix), { timeout: 30000 }), page.click('button[type=submit]')]);
};

try {
  const page = context.pages()[0] ?? await context.newPage();

  // The seed user: the sign-in page, a wrong password first, the temporary password, the new-password page, the callback.
  await page.goto(plan.seed.authorizeUrl);
  seen.steps.push({ step: 'sign-in page', ...(await formOf(page)) });
  await page.fill('input[name=username]', plan.seed.username);
  await page.fill('input[name=password]', 'Not-the-password1!');
  await page.click('button[type=submit]');
  await page.waitForSelector('[role=alert]');
  seen.steps.push({ step: 'wrong password', ...(await formOf(page)) });
  await page.fill('input[name=password]', plan.seed.temporaryPassword);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=new_password]');
  seen.steps.push({ step: 'new-password page', ...(await formOf(page)) });
  await page.fill('input[name=new_password]', plan.seed.newPassword);
  await submitTo(page, plan.callbackPrefix);
  seen.seedLanding = await landing(page);

  // Signed out of the managed login (its cookie), so the next user signs in afresh.
  await page.goto(plan.logoutUrl);
  seen.afterLogout = await landing(page);

  // The TOTP user: password, then the TOTP page with the authenticator's current code.
  await page.goto(plan.totp.authorizeUrl);
  await page.fill('input[name=username]', plan.totp.username);
  await page.fill('input[name=password]', plan.totp.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=code]');
  seen.steps.push({ step: 'TOTP page', ...(await formOf(page)) });
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(plan.totp.secret), algorithm: 'SHA1', digits: 6, period: 30 });
  await page.fill('input[name=code]', totp.generate());
  await submitTo(page, plan.callbackPrefix);
  seen.totpLanding = await landing(page);

  // The emulator's own page after the walkthrough.
  await page.goto(plan.localPageUrl);
  seen.localPage = await page.evaluate(() => ({
    title: document.title,
    users: [...document.querySelectorAll('tr[data-user]')].map(r => ({
      user: r.dataset.user, status: r.querySelector('.status')?.textContent, mfa: r.querySelector('.mfa')?.textContent,
    })),
    requests: [...document.querySelectorAll('#requests tr')].slice(1).map(r => [...r.cells].slice(1).map(c => c.textContent).join(' ')),
    tokens: [...document.querySelectorAll('#tokens details.token summary')].map(s => s.textContent),
    scripts: document.querySelectorAll('script').length,
    external: [...document.querySelectorAll('[src], link[href]')].map(e => e.getAttribute('src') ?? e.getAttribute('href')),
  }));
  await page.screenshot({ path: plan.screenshot, fullPage: true });
  seen.screenshot = plan.screenshot;
  process.stdout.write(JSON.stringify(seen));
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
