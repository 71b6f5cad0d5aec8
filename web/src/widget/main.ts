import ReportProblem from './ReportProblem.svelte';
import { readContext } from './context';

// widget.js: an ATS page includes
//   <script src="https://snag.example/widget.js" data-connector="gh-main" data-candidate="53883394" defer></script>
// and gets a "Report a problem" button where the tag is (at the end of <body> when the tag is in
// <head>). See web/README.md "Widget".

const TAG = 'snag-report-problem';

interface Settings {
  base: string;
  connector: string;
  candidate: string;
  presetType: string;
}

function start(): void {
  // Only set while this script first runs, so read before anything is awaited.
  const script = document.currentScript;
  const ctx = readContext(script, location.href, document);
  if ('error' in ctx) {
    console.error(`Snag widget: ${ctx.error}`);
    return;
  }
  if (!customElements.get(TAG)) {
    // Compiled with customElement: true, the component carries its custom element class.
    const element = (ReportProblem as unknown as { element?: CustomElementConstructor }).element;
    if (!element) {
      console.error('Snag widget: built without customElement: true');
      return;
    }
    customElements.define(TAG, element);
  }
  const place = () => {
    const el = document.createElement(TAG) as HTMLElement & Settings;
    el.base = ctx.base;
    el.connector = ctx.connector;
    el.candidate = ctx.candidate;
    el.presetType = ctx.type;
    if (script && document.body?.contains(script)) script.after(el);
    else document.body.append(el);
  };
  if (document.body) place();
  else document.addEventListener('DOMContentLoaded', place, { once: true });
}

start();
