// The plain-English check on the words in the page editor, shown in the Checks side panel as the
// editor types. Like Wagtail's live preview, it posts the edit form when its data changes; the
// server builds the page from it (without saving) and runs the workflow's own check.
(() => {
  const formData = (form) => {
    const data = new FormData(form);
    [...data.entries()].forEach(([key, value]) => {
      if (value instanceof File) data.delete(key);
    });
    return data;
  };

  const start = () => {
    const marker = document.querySelector('[data-governance-draft-check]');
    const form = marker && marker.closest('form');
    const url = marker && marker.dataset.url;
    if (!form || !url) return;

    const section = document.createElement('section');
    section.className = 'wm-draft-check w-pb-5';
    section.setAttribute('aria-labelledby', 'wm-draft-check-heading');
    section.innerHTML =
      '<h2 id="wm-draft-check-heading" class="w-my-5 w-text-16 w-font-bold w-text-text-label">Plain-English check</h2>' +
      '<div data-draft-check-output aria-live="polite"><p>Checking the words in the form…</p></div>';
    const panel = document.querySelector('[data-side-panel="checks"]');
    if (panel) {
      (panel.querySelector('.w-divide-y') || panel).prepend(section);
    } else {
      marker.hidden = false; // no Checks panel on this page type: show it under the Customer testing panel
      marker.append(section);
    }
    const output = section.querySelector('[data-draft-check-output]');

    let lastChecked = null;
    let busy = false;
    const check = async () => {
      if (busy || document.visibilityState === 'hidden') return;
      const data = formData(form);
      const key = new URLSearchParams(data).toString();
      if (key === lastChecked) return;
      busy = true;
      try {
        const response = await fetch(url, { method: 'POST', body: data, credentials: 'same-origin' });
        if (response.ok) {
          const result = await response.json();
          output.innerHTML = result.html;
          section.dataset.passed = String(result.passed);
          lastChecked = key;
        }
      } catch (error) {
        // Offline or the server is busy: the next change tries again.
      } finally {
        busy = false;
      }
    };
    check();
    window.setInterval(check, 1000);
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
