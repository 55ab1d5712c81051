// Westmere District Council – page initialisation (ES module)
//
// <script type="module" src="/static/dist/init.js"></script>
//
// Imports GOV.UK Frontend's ES module bundle and the chat widget, then
// initialises both. Module scripts only run in browsers GOV.UK Frontend
// supports, so failures here leave the no-JS page fully usable.
import { initAll } from './govuk-frontend.min.js'
import { initChatWidget } from './chat-widget.js'

const body = document.body

// The base template adds this class with a tiny inline script at the top of
// <body> (avoids a flash of un-enhanced content). Add it here too in case
// that script was blocked, e.g. by a Content Security Policy.
if (!body.classList.contains('govuk-frontend-supported')) {
  body.classList.add('js-enabled', 'govuk-frontend-supported')
}

try {
  initAll({
    onError (error, context) {
      console.error('GOV.UK Frontend component failed to initialise', error, context)
    }
  })
} catch (error) {
  console.error(error)
}

initChatWidget()

// Search suggestions on inputs with data-autocomplete-url. Loaded on demand, so if it
// fails the plain search form still works.
import('./search-autocomplete.js')
  .then(({ initSearchAutocomplete }) => initSearchAutocomplete())
  .catch((error) => console.error('Search suggestions failed to load', error))
