import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { HelperStatus } from '../background/helper-status.js';
import browser from '../lib/browser.js';

function HelperLine() {
  const [status, setStatus] = useState<HelperStatus | null>(null);
  useEffect(() => {
    browser.runtime.sendMessage({ type: 'helper-status' }).then(
      (s) => setStatus(s as HelperStatus),
      (e: unknown) => setStatus({ connected: false, error: String(e) }),
    );
  }, []);
  if (!status) return <p data-testid="helper-status">{browser.i18n.getMessage('helperChecking')}</p>;
  if (status.connected)
    return (
      <p data-testid="helper-status" data-connected="true">
        {browser.i18n.getMessage('helperConnected', [status.hostVersion])}
      </p>
    );
  return (
    <p data-testid="helper-status" data-connected="false">
      {browser.i18n.getMessage('helperMissing')}: {status.error}
    </p>
  );
}

function App() {
  return (
    <main>
      <h1>RDP Doctor</h1>
      <HelperLine />
    </main>
  );
}

render(<App />, document.getElementById('app')!);
