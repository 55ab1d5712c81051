/**
 * Westmere District Council – search suggestions
 *
 * Progressive enhancement of any search input that carries a suggestions URL:
 *
 *   <input id="header-search" name="q" type="search" data-autocomplete-url="/api/search/autocomplete/">
 *
 * Without JavaScript the form simply submits to /search/. With it, the input becomes an
 * ARIA 1.2 combobox: typing shows up to 8 task titles from
 *   GET data-autocomplete-url?q=<text> -> {"query": "...", "results": [{"title", "url"}]}
 * Up/Down move through the suggestions (aria-activedescendant, so focus stays in the input),
 * Enter opens the highlighted page, Escape closes the list, Tab leaves it. The number of
 * suggestions is announced in a polite live region. Server text is only set with textContent
 * and only same-site paths are followed. Vanilla ES module, no dependencies.
 */

const MIN_CHARS = 2
const DEBOUNCE_MS = 200

const TEXT = {
  hint: 'When suggestions appear, use the up and down arrows to choose one and press Enter to open it.',
  none: 'No suggestions.',
  count: (n) => (n === 1 ? '1 suggestion available.' : `${n} suggestions available.`)
}

// The suggestions list is styled in site/frontend/scss/components/_autocomplete.scss (no inline
// styles, so the Content-Security-Policy needs no 'unsafe-inline' for it).

/** Only follow paths on this site: "/bins-and-recycling/", never "//host" or "javascript:". */
function safePath (url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && !url.includes('\\')
    ? url
    : null
}

let counter = 0

class SearchAutocomplete {
  constructor (input) {
    this.input = input
    this.url = input.dataset.autocompleteUrl
    this.options = []
    this.active = -1
    this.timer = null
    this.controller = null
    this.lastQuery = ''

    counter += 1
    const id = input.id || `wm-search-${counter}`
    input.id = id

    this.menu = document.createElement('ul')
    this.menu.id = `${id}-suggestions`
    this.menu.className = 'wm-autocomplete__menu'
    this.menu.setAttribute('role', 'listbox')
    this.menu.hidden = true
    const label = input.labels && input.labels[0]
    if (label) {
      label.id = label.id || `${id}-label`
      this.menu.setAttribute('aria-labelledby', label.id)
    }

    this.hint = document.createElement('span')
    this.hint.id = `${id}-suggestions-hint`
    this.hint.className = 'govuk-visually-hidden'
    this.hint.textContent = TEXT.hint

    this.status = document.createElement('div')
    this.status.className = 'govuk-visually-hidden'
    this.status.setAttribute('role', 'status')
    this.status.setAttribute('aria-live', 'polite')
    this.status.setAttribute('aria-atomic', 'true')

    const container = input.parentElement
    if (window.getComputedStyle(container).position === 'static') container.style.position = 'relative'
    input.insertAdjacentElement('afterend', this.menu)
    container.appendChild(this.hint)
    container.appendChild(this.status)

    input.setAttribute('role', 'combobox')
    input.setAttribute('aria-autocomplete', 'list')
    input.setAttribute('aria-expanded', 'false')
    input.setAttribute('aria-controls', this.menu.id)
    const describedBy = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
    input.setAttribute('aria-describedby', [...describedBy, this.hint.id].join(' '))
    input.setAttribute('autocomplete', 'off')

    input.addEventListener('input', () => this.schedule())
    input.addEventListener('keydown', (event) => this.onKeydown(event))
    input.addEventListener('blur', () => window.setTimeout(() => this.close(), 150))
    this.menu.addEventListener('mousedown', (event) => event.preventDefault()) // keep focus in the input
    this.menu.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]')
      if (option) this.choose(Number(option.dataset.index))
    })
  }

  schedule () {
    window.clearTimeout(this.timer)
    this.timer = window.setTimeout(() => this.fetchSuggestions(), DEBOUNCE_MS)
  }

  async fetchSuggestions () {
    const query = this.input.value.trim()
    if (query.length < MIN_CHARS) {
      this.lastQuery = ''
      this.close()
      this.status.textContent = ''
      return
    }
    if (query === this.lastQuery && !this.menu.hidden) return
    this.lastQuery = query
    if (this.controller) this.controller.abort()
    this.controller = new AbortController()
    try {
      const response = await fetch(`${this.url}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        signal: this.controller.signal
      })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      const data = await response.json()
      if (this.input.value.trim() !== query) return // they kept typing
      const results = (data.results || []).filter((item) => item && item.title && safePath(item.url))
      this.render(results)
    } catch (error) {
      if (error.name !== 'AbortError') this.close()
    }
  }

  render (results) {
    this.options = results
    this.active = -1
    this.input.removeAttribute('aria-activedescendant')
    this.menu.replaceChildren()
    results.forEach((result, index) => {
      const option = document.createElement('li')
      option.id = `${this.menu.id}-${index}`
      option.className = 'wm-autocomplete__option'
      option.setAttribute('role', 'option')
      option.setAttribute('aria-selected', 'false')
      option.setAttribute('aria-posinset', String(index + 1))
      option.setAttribute('aria-setsize', String(results.length))
      option.dataset.index = String(index)
      option.textContent = result.title
      this.menu.appendChild(option)
    })
    if (results.length) {
      this.open()
      this.status.textContent = TEXT.count(results.length)
    } else {
      this.close()
      this.status.textContent = TEXT.none
    }
  }

  open () {
    this.menu.hidden = false
    this.input.setAttribute('aria-expanded', 'true')
  }

  close () {
    this.menu.hidden = true
    this.input.setAttribute('aria-expanded', 'false')
    this.input.removeAttribute('aria-activedescendant')
    this.active = -1
    for (const option of this.menu.children) option.setAttribute('aria-selected', 'false')
  }

  highlight (index) {
    const options = Array.from(this.menu.children)
    options.forEach((option, i) => option.setAttribute('aria-selected', i === index ? 'true' : 'false'))
    this.active = index
    if (index >= 0 && options[index]) {
      this.input.setAttribute('aria-activedescendant', options[index].id)
      options[index].scrollIntoView({ block: 'nearest' })
    } else {
      this.input.removeAttribute('aria-activedescendant')
    }
  }

  choose (index) {
    const result = this.options[index]
    const path = result && safePath(result.url)
    if (!path) return
    this.input.value = result.title
    this.close()
    window.location.assign(path)
  }

  onKeydown (event) {
    const count = this.options.length
    const isOpen = !this.menu.hidden
    switch (event.key) {
      case 'ArrowDown':
        if (!count) return
        event.preventDefault()
        if (!isOpen) this.open()
        this.highlight(this.active + 1 >= count ? 0 : this.active + 1)
        break
      case 'ArrowUp':
        if (!isOpen || !count) return
        event.preventDefault()
        // Up from the first suggestion goes back to the text.
        this.highlight(this.active <= 0 ? -1 : this.active - 1)
        break
      case 'Enter':
        if (isOpen && this.active >= 0) {
          event.preventDefault()
          this.choose(this.active)
        }
        break // otherwise the form submits as usual
      case 'Escape':
        if (isOpen) {
          event.preventDefault()
          this.close()
        }
        break
      case 'Tab':
        this.close()
        break
      default:
        break
    }
  }
}

export function initSearchAutocomplete (root = document) {
  const inputs = root.querySelectorAll('input[data-autocomplete-url]:not([data-autocomplete-ready])')
  if (!inputs.length || !('fetch' in window)) return []
  return Array.from(inputs, (input) => {
    input.setAttribute('data-autocomplete-ready', '')
    return new SearchAutocomplete(input)
  })
}
