// Westmere District Council – page initialisation: the one script every page loads.
//
//   <script type="module" src="{% static 'dist/init.js' %}"></script>
//
// build.mjs bundles this file and everything it imports (the GOV.UK Frontend components the
// templates use, the chat widget, search suggestions, "Is this page useful?") into one minified
// dist/init.js. There are no imports left to fetch at run time, so whitenoise's manifest gives the
// whole bundle one hashed name, cached for a year and renamed whenever any part changes.
// Module scripts only run in browsers GOV.UK Frontend supports; without them the pages still work.
import {
  Button,
  CharacterCount,
  Checkboxes,
  createAll,
  ErrorSummary,
  NotificationBanner,
  Radios,
  SkipLink
} from 'govuk-frontend'

import { initChatWidget } from './chat/widget.js'
import { initPageFeedback } from './feedback.js'
import { initSearchAutocomplete } from './search-autocomplete.js'

const body = document.body

// The base template adds this class with a tiny inline script at the top of
// <body> (avoids a flash of un-enhanced content). Add it here too in case
// that script was blocked, e.g. by a Content Security Policy.
if (!body.classList.contains('govuk-frontend-supported')) {
  body.classList.add('js-enabled', 'govuk-frontend-supported')
}

// Only the components the templates use (data-module="govuk-..."), so the rest is not shipped.
const onError = (error, context) => console.error('GOV.UK Frontend component failed to initialise', error, context)
for (const Component of [Button, CharacterCount, Checkboxes, ErrorSummary, NotificationBanner, Radios, SkipLink]) {
  createAll(Component, undefined, { onError })
}

// Each part on its own: if one fails, the others (and the plain HTML) still work.
for (const [name, start] of [['Chat widget', initChatWidget], ['Page feedback', initPageFeedback],
  ['Search suggestions', initSearchAutocomplete]]) {
  try {
    start()
  } catch (error) {
    console.error(`${name} failed to start`, error)
  }
}
