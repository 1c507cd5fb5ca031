// A stand-in for a person at a browser, for a CLI under test: run as its BROWSER with the URL as its one argument (the
// emulator's managed login, as the sample's `login` opens it). It signs in with COGNITO_SIGN_IN's user ({"username",
// "password", "newPassword"}), answers the new-password page if it comes, and ends once the browser reached the CLI's
// loopback redirect (http://localhost:8400/). A /logout URL is just visited. It prints no password, code or token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// The machine's notes (shared/REFERENCE.md): without these, Chromium keeps trying to reach the internet.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const REDIRECT = 'http://localhost:8400/';

const url = process.argv[2];
const user = JSON.parse(process.env.COGNITO_SIGN_IN ?? '{}');
const userDataDir = mkdtempSync(join(tmpdir(), 'cognito-auth-cli-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: FLAGS,
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(url);
  if (!new URL(url).pathname.endsWith('/logout')) {
    await page.fill('input[name=username]', user.username);
    await page.fill('input[name=password]', user.password);
    await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
    if (await page.$('input[name=new_password]')) {
      await page.fill('input[name=new_password]', user.newPassword);
      await page.click('button[type=submit]');
    }

    await page.waitForURL(u => u.href.startsWith(REDIRECT), { timeout: 60000 });
  }

  process.stderr.write(`browser stand-in: ended at ${new URL(page.url()).origin}${new URL(page.url()).pathname}\n`);
} catch (error) {
  process.stderr.write(`browser stand-in: ${error.message.split('\n')[0]}\n`);
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
