/**
 * Westmere District Council – chat widget
 *
 * Progressive enhancement of:
 *
 *   <aside class="wm-chat" id="wm-chat" data-endpoint="/api/chat/"
 *          data-poll-endpoint="/api/chat/poll/" data-contact-url="/contact-us/"
 *          aria-label="Chat">
 *     <p class="wm-chat__fallback govuk-body-s">Need help? <a class="govuk-link" href="/contact-us/">Contact us</a></p>
 *   </aside>
 *
 * Vanilla ES module, no dependencies. Server text is only ever rendered with
 * textContent (never innerHTML). Any failure leaves the page working.
 *
 * API (see the front-end README for the full contract):
 *   POST data-endpoint  {"sender", "message", "page"}  (JSON, X-CSRFToken)
 *     200 -> {"messages": [{"text", "links": [{"text","url"}], "buttons": [{"title","payload"}]}], "mode": "bot"|"human"}
 *     other -> optional {"message": "..."} shown to the user
 *   GET data-poll-endpoint?sender=<id>&after=<last id>   (every 2 s while mode is "human")
 *     200 -> {"messages": [{"id", "text", "from": "staff"|"system"}], "mode": "human"|"bot"}
 *     (messages from "user" or "bot" are ignored: bot replies arrive in the POST response)
 */

const SENDER_KEY = 'wm-chat-sender' // localStorage
const LOG_KEY = 'wm-chat-log' // sessionStorage
const STATE_KEY = 'wm-chat-state' // sessionStorage

const MAX_STORED_MESSAGES = 60
const MAX_MESSAGE_LENGTH = 500
const REQUEST_TIMEOUT_MS = 20000
const POLL_INTERVAL_MS = 2000
const POLL_MAX_BACKOFF_MS = 30000

const TEXT = {
  toggle: 'Chat with our assistant',
  title: 'Ask Westmere',
  botNotice: 'This is an automated assistant, not a person. Do not share bank details.',
  humanNotice: 'You are now chatting with a member of council staff. Do not share bank details.',
  label: 'Type your question',
  send: 'Send',
  close: 'Close',
  closeHidden: ' chat',
  logLabel: 'Conversation',
  typing: 'The assistant is replying…',
  you: 'You said:',
  bot: 'Assistant:',
  staff: 'Council staff:',
  system: 'Update:',
  toHuman: 'A member of council staff has joined the chat.',
  toBot: 'The member of staff has left the chat. You are talking to the automated assistant again.',
  error: 'Problem:',
  unavailable: 'Sorry, the assistant is not available right now.',
  contact: 'Contact us',
  contactIntro: 'You can also '
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

/** Storage access that never throws (private mode, disabled storage, quota). */
function storage (type) {
  try {
    const s = window[type]
    const probe = '__wm-chat__'
    s.setItem(probe, probe)
    s.removeItem(probe)
    return s
  } catch (e) {
    return null
  }
}

function readJSON (store, key, fallback) {
  if (!store) return fallback
  try {
    const raw = store.getItem(key)
    return raw ? JSON.parse(raw) : fallback
  } catch (e) {
    return fallback
  }
}

function writeJSON (store, key, value) {
  if (!store) return
  try {
    store.setItem(key, JSON.stringify(value))
  } catch (e) {
    // Quota exceeded or storage disabled: the conversation just won't persist
  }
}

function uuid () {
  const c = window.crypto
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID()
    } catch (e) {
      // randomUUID needs a secure context; fall through
    }
  }
  const bytes = new Uint8Array(16)
  if (c && typeof c.getRandomValues === 'function') {
    c.getRandomValues(bytes)
  } else {
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256)
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function getCookie (name) {
  const cookies = document.cookie ? document.cookie.split(';') : []
  for (const cookie of cookies) {
    const [key, ...rest] = cookie.trim().split('=')
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='))
      } catch (e) {
        return rest.join('=')
      }
    }
  }
  return ''
}

function csrfToken () {
  const fromCookie = getCookie('csrftoken')
  if (fromCookie) return fromCookie
  const field = document.querySelector('input[name="csrfmiddlewaretoken"]')
  if (field && field.value) return field.value
  const meta = document.querySelector('meta[name="csrf-token"]')
  return meta ? meta.getAttribute('content') || '' : ''
}

/** Only allow same-site relative URLs and http(s)/mailto/tel links. */
function safeUrl (url) {
  if (typeof url !== 'string' || !url.trim()) return null
  try {
    const parsed = new URL(url.trim(), window.location.href)
    if (['http:', 'https:', 'mailto:', 'tel:'].includes(parsed.protocol)) {
      return parsed.origin === window.location.origin ? parsed.pathname + parsed.search + parsed.hash : parsed.href
    }
  } catch (e) {
    // invalid URL
  }
  return null
}

function asString (value) {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return ''
}

function el (tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

/** Normalise a message from the server into the shape we store/render. */
function normaliseMessage (raw, role) {
  if (!raw || typeof raw !== 'object') return null
  const message = {
    role,
    text: asString(raw.text),
    links: [],
    buttons: []
  }
  if (Array.isArray(raw.links)) {
    for (const link of raw.links) {
      if (!link || typeof link !== 'object') continue
      const url = safeUrl(link.url)
      const text = asString(link.text) || asString(link.title) || url
      if (url && text) message.links.push({ text, url })
    }
  }
  if (Array.isArray(raw.buttons)) {
    for (const button of raw.buttons) {
      if (!button || typeof button !== 'object') continue
      const title = asString(button.title)
      const payload = asString(button.payload) || title
      if (title) message.buttons.push({ title, payload })
    }
  }
  if (!message.text && !message.links.length && !message.buttons.length) return null
  return message
}

/* ------------------------------------------------------------------ */
/* Widget                                                               */
/* ------------------------------------------------------------------ */

export class ChatWidget {
  /**
   * @param {HTMLElement} root - the <aside class="wm-chat"> element
   */
  constructor (root) {
    this.root = root
    this.endpoint = root.getAttribute('data-endpoint') || '/api/chat/'
    this.pollEndpoint = root.getAttribute('data-poll-endpoint') || ''
    this.contactUrl = safeUrl(root.getAttribute('data-contact-url') || '') || '/contact-us/'
    this.local = storage('localStorage')
    this.session = storage('sessionStorage')
    this.sender = this.getSender()

    const state = readJSON(this.session, STATE_KEY, {})
    this.history = readJSON(this.session, LOG_KEY, [])
    if (!Array.isArray(this.history)) this.history = []
    this.state = {
      open: !!state.open,
      mode: state.mode === 'human' ? 'human' : 'bot',
      lastId: Number.isFinite(state.lastId) ? state.lastId : 0
    }

    this.queue = Promise.resolve()
    this.pending = 0
    this.pollTimer = null
    this.pollFailures = 0
    this.pollInFlight = false
    this.idPrefix = root.id || 'wm-chat'

    this.build()
    this.bind()

    if (this.state.mode === 'human') this.startPolling()
    if (this.state.open) this.open({ focus: false })
    this.handleDeepLinks()
  }

  getSender () {
    let id = ''
    try {
      id = (this.local && this.local.getItem(SENDER_KEY)) || ''
    } catch (e) {
      id = ''
    }
    if (!/^[A-Za-z0-9-]{8,64}$/.test(id)) {
      id = uuid()
      try {
        if (this.local) this.local.setItem(SENDER_KEY, id)
      } catch (e) {
        // not persisted: a new id per page load is acceptable
      }
    }
    return id
  }

  /* -------------------------------- DOM -------------------------------- */

  build () {
    const id = this.idPrefix
    const panelId = `${id}-panel`
    const titleId = `${id}-title`
    const inputId = `${id}-input`

    this.toggle = el('button', 'wm-chat__toggle')
    this.toggle.type = 'button'
    this.toggle.setAttribute('aria-expanded', 'false')
    this.toggle.setAttribute('aria-controls', panelId)
    const icon = el('span', 'wm-chat__toggle-icon')
    icon.setAttribute('aria-hidden', 'true')
    this.toggle.append(icon, document.createTextNode(TEXT.toggle))

    this.panel = el('div', 'wm-chat__panel')
    this.panel.id = panelId
    this.panel.hidden = true
    this.panel.setAttribute('role', 'region')
    this.panel.setAttribute('aria-labelledby', titleId)

    const header = el('div', 'wm-chat__header')
    const title = el('h2', 'wm-chat__title', TEXT.title)
    title.id = titleId
    this.closeButton = el('button', 'wm-chat__close', TEXT.close)
    this.closeButton.type = 'button'
    this.closeButton.append(el('span', 'govuk-visually-hidden', TEXT.closeHidden))
    header.append(title, this.closeButton)

    this.notice = el('p', 'wm-chat__notice')
    this.updateNotice()

    this.log = el('div', 'wm-chat__log')
    this.log.setAttribute('role', 'log')
    this.log.setAttribute('aria-live', 'polite')
    this.log.setAttribute('aria-label', TEXT.logLabel)
    this.log.tabIndex = 0 // scrollable region must be keyboard reachable

    this.typing = el('p', 'wm-chat__typing', TEXT.typing)
    this.typing.hidden = true

    this.form = el('form', 'wm-chat__form')
    this.form.noValidate = true
    const label = el('label', 'wm-chat__label', TEXT.label)
    label.htmlFor = inputId
    const row = el('div', 'wm-chat__input-row')
    this.input = el('input', 'wm-chat__input')
    this.input.type = 'text'
    this.input.id = inputId
    this.input.name = 'message'
    this.input.autocomplete = 'off'
    this.input.maxLength = MAX_MESSAGE_LENGTH
    this.input.setAttribute('enterkeyhint', 'send')
    this.sendButton = el('button', 'wm-chat__send', TEXT.send)
    this.sendButton.type = 'submit'
    row.append(this.input, this.sendButton)
    this.form.append(label, row)

    // Render stored history before the log is attached, so screen readers
    // don't re-announce the whole conversation on every page.
    for (const message of this.history) this.renderMessage(message)

    this.panel.append(header, this.notice, this.log, this.typing, this.form)
    this.root.append(this.toggle, this.panel)
    this.root.classList.add('wm-chat--enhanced')
    document.documentElement.classList.add('wm-chat-active')
  }

  updateNotice () {
    const human = this.state.mode === 'human'
    this.notice.textContent = human ? TEXT.humanNotice : TEXT.botNotice
    this.notice.classList.toggle('wm-chat__notice--human', human)
  }

  bind () {
    this.toggle.addEventListener('click', () => {
      if (this.isOpen()) this.close({ returnFocus: true })
      else this.open({ focus: true })
    })
    this.closeButton.addEventListener('click', () => this.close({ returnFocus: true }))
    this.root.addEventListener('keydown', (event) => {
      if ((event.key === 'Escape' || event.key === 'Esc') && this.isOpen()) {
        event.preventDefault()
        this.close({ returnFocus: true })
      }
    })
    this.form.addEventListener('submit', (event) => {
      event.preventDefault()
      const text = this.input.value.trim()
      if (!text) {
        this.input.focus()
        return
      }
      this.input.value = ''
      this.send(text)
      this.input.focus()
    })
    this.log.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('.wm-chat__quick-reply') : null
      if (!button || !this.log.contains(button)) return
      const payload = button.getAttribute('data-payload') || button.textContent
      this.send(payload, button.textContent)
      this.input.focus()
    })
    // Any [data-chat-open] element, or a link to #chat, opens the widget
    document.addEventListener('click', (event) => {
      const trigger = event.target instanceof Element ? event.target.closest('[data-chat-open], a[href$="#chat"]') : null
      if (!trigger || this.root.contains(trigger)) return
      if (trigger.tagName === 'A' && !trigger.hasAttribute('data-chat-open') && !this.isSamePageLink(trigger)) return
      event.preventDefault()
      this.open({ focus: true })
    })
    window.addEventListener('hashchange', () => {
      if (window.location.hash === '#chat') {
        this.clearHash()
        this.open({ focus: true })
      }
    })
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this.state.mode === 'human') this.startPolling(0)
    })
  }

  isSamePageLink (link) {
    try {
      const url = new URL(link.href, window.location.href)
      return url.hash === '#chat' && url.origin === window.location.origin &&
        url.pathname === window.location.pathname && url.search === window.location.search
    } catch (e) {
      return false
    }
  }

  clearHash () {
    try {
      const url = new URL(window.location.href)
      url.hash = ''
      window.history.replaceState(window.history.state, '', url.pathname + url.search)
    } catch (e) {
      // ignore
    }
  }

  handleDeepLinks () {
    let url
    try {
      url = new URL(window.location.href)
    } catch (e) {
      return
    }
    const ask = url.searchParams.get('ask')
    const hasAsk = url.searchParams.has('ask')
    const hashChat = url.hash === '#chat'
    if (!hasAsk && !hashChat) return

    if (hasAsk) url.searchParams.delete('ask')
    if (hashChat) url.hash = ''
    try {
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
    } catch (e) {
      // ignore: worst case a reload asks again
    }

    this.open({ focus: true })
    const question = (ask || '').trim().slice(0, MAX_MESSAGE_LENGTH)
    if (question) this.send(question)
  }

  isOpen () {
    return !this.panel.hidden
  }

  open ({ focus = true } = {}) {
    if (!this.isOpen()) {
      this.panel.hidden = false
      this.toggle.setAttribute('aria-expanded', 'true')
      this.root.classList.add('wm-chat--open')
      this.saveState({ open: true })
      this.scrollLog()
    }
    if (focus) this.input.focus()
  }

  close ({ returnFocus = true } = {}) {
    if (this.isOpen()) {
      this.panel.hidden = true
      this.toggle.setAttribute('aria-expanded', 'false')
      this.root.classList.remove('wm-chat--open')
      this.saveState({ open: false })
    }
    if (returnFocus) this.toggle.focus()
  }

  scrollLog () {
    this.log.scrollTop = this.log.scrollHeight
  }

  /* ----------------------------- rendering ----------------------------- */

  renderMessage (message) {
    const role = ['user', 'bot', 'staff', 'system', 'error'].includes(message.role) ? message.role : 'bot'
    const item = el('div', `wm-chat__message wm-chat__message--${role}`)

    const senderText = { user: TEXT.you, bot: TEXT.bot, staff: TEXT.staff, system: TEXT.system, error: TEXT.error }[role]
    const sender = el('span', 'wm-chat__sender', senderText)
    // Only staff messages show the sender visibly; the rest is for screen readers
    if (role !== 'staff') sender.classList.add('govuk-visually-hidden')
    item.append(sender)

    const lines = asString(message.text).split(/\r\n|\r|\n/).map((line) => line.trim()).filter(Boolean)
    for (const line of lines) item.append(el('p', 'wm-chat__text', line))

    if (Array.isArray(message.links) && message.links.length) {
      const list = el('ul', 'wm-chat__links')
      for (const link of message.links) {
        const url = safeUrl(link.url)
        if (!url) continue
        const li = el('li')
        const a = el('a', 'govuk-link', asString(link.text) || url)
        a.href = url
        li.append(a)
        list.append(li)
      }
      if (list.childElementCount) item.append(list)
    }

    if (Array.isArray(message.buttons) && message.buttons.length) {
      const group = el('div', 'wm-chat__buttons')
      for (const button of message.buttons) {
        const b = el('button', 'wm-chat__quick-reply', asString(button.title))
        b.type = 'button'
        b.setAttribute('data-payload', asString(button.payload))
        group.append(b)
      }
      item.append(group)
    }

    this.log.append(item)
    return item
  }

  addMessage (message, { persist = true } = {}) {
    if (!message) return
    this.renderMessage(message)
    if (persist) {
      this.history.push(message)
      if (this.history.length > MAX_STORED_MESSAGES) {
        this.history = this.history.slice(-MAX_STORED_MESSAGES)
      }
      writeJSON(this.session, LOG_KEY, this.history)
    }
    this.scrollLog()
  }

  addError (text) {
    // Errors are not persisted: they should not follow the user around.
    const item = this.renderMessage({ role: 'error', text: text || TEXT.unavailable })
    const p = el('p', 'wm-chat__text', TEXT.contactIntro)
    const a = el('a', 'govuk-link', TEXT.contact.toLowerCase())
    a.href = this.contactUrl
    p.append(a, document.createTextNode('.'))
    item.append(p)
    this.scrollLog()
  }

  setBusy (delta) {
    this.pending = Math.max(0, this.pending + delta)
    this.typing.hidden = this.pending === 0 || this.state.mode === 'human'
    this.root.classList.toggle('wm-chat--busy', this.pending > 0)
  }

  saveState (patch) {
    Object.assign(this.state, patch)
    writeJSON(this.session, STATE_KEY, this.state)
  }

  setMode (mode) {
    const next = mode === 'human' ? 'human' : 'bot'
    if (next === this.state.mode) {
      if (next === 'human' && !this.pollTimer && !this.pollInFlight) this.startPolling()
      return
    }
    this.saveState({ mode: next })
    this.updateNotice()
    // Announce the hand-over in the log (role="log" is read out)
    this.addMessage({ role: 'system', text: next === 'human' ? TEXT.toHuman : TEXT.toBot })
    if (next === 'human') this.startPolling()
    else this.stopPolling()
  }

  /* ----------------------------- networking ---------------------------- */

  async request (url, options) {
    const controller = typeof AbortController === 'function' ? new AbortController() : null
    const timer = controller ? window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS) : null
    try {
      const response = await window.fetch(url, {
        credentials: 'same-origin',
        ...options,
        signal: controller ? controller.signal : undefined
      })
      let data = null
      try {
        data = await response.json()
      } catch (e) {
        data = null
      }
      return { ok: response.status === 200, status: response.status, data }
    } finally {
      if (timer) window.clearTimeout(timer)
    }
  }

  /**
   * Send a message. `display` is what is shown as the user's message (the
   * title of a quick-reply button); `text` is what is sent.
   */
  send (text, display) {
    const message = asString(text).trim().slice(0, MAX_MESSAGE_LENGTH)
    if (!message) return this.queue
    this.addMessage({ role: 'user', text: asString(display).trim() || message })
    this.setBusy(1)
    this.queue = this.queue
      .then(() => this.post(message))
      .catch(() => this.addError())
      .finally(() => this.setBusy(-1))
    return this.queue
  }

  async post (message) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' }
    // Pages are cached and set no cookies, so the first message asks for the CSRF cookie.
    if (!csrfToken()) {
      try {
        await this.request(this.endpoint, { method: 'GET', headers: { Accept: 'application/json' } })
      } catch (e) {}
    }
    const token = csrfToken()
    if (token) headers['X-CSRFToken'] = token

    let result
    try {
      result = await this.request(this.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ sender: this.sender, message, page: window.location.pathname })
      })
    } catch (e) {
      this.addError()
      return
    }

    const data = result.data && typeof result.data === 'object' ? result.data : null
    if (!result.ok || !data) {
      const serverMessage = data && typeof data.message === 'string' ? data.message.trim() : ''
      this.addError(serverMessage || TEXT.unavailable)
      return
    }

    // Replies to a message sent while a person was handling the chat come
    // from staff; otherwise (including the hand-over reply) from the bot.
    const role = this.state.mode === 'human' ? 'staff' : 'bot'
    if (Array.isArray(data.messages)) {
      for (const raw of data.messages) this.addMessage(normaliseMessage(raw, role))
    }
    if (data.mode === 'human' || data.mode === 'bot') this.setMode(data.mode)
  }

  /* ------------------------------- polling ------------------------------ */

  startPolling (delay = POLL_INTERVAL_MS) {
    if (!this.pollEndpoint) return
    if (this.pollTimer) window.clearTimeout(this.pollTimer)
    this.pollTimer = window.setTimeout(() => this.poll(), delay)
  }

  stopPolling () {
    if (this.pollTimer) window.clearTimeout(this.pollTimer)
    this.pollTimer = null
    this.pollFailures = 0
  }

  async poll () {
    this.pollTimer = null
    if (this.state.mode !== 'human' || this.pollInFlight) return
    // Don't poll from background tabs; resumes on visibilitychange
    if (document.visibilityState === 'hidden') return

    this.pollInFlight = true
    let data = null
    try {
      const url = new URL(this.pollEndpoint, window.location.href)
      url.searchParams.set('sender', this.sender)
      url.searchParams.set('after', String(this.state.lastId || 0))
      const result = await this.request(url.pathname + url.search, {
        method: 'GET',
        headers: { Accept: 'application/json' }
      })
      data = result.ok && result.data && typeof result.data === 'object' ? result.data : null
    } catch (e) {
      data = null
    } finally {
      this.pollInFlight = false
    }

    if (!data) {
      this.pollFailures += 1
      if (this.pollFailures === 5) this.addError()
      const backoff = Math.min(POLL_MAX_BACKOFF_MS, POLL_INTERVAL_MS * 2 ** Math.min(this.pollFailures, 4))
      if (this.state.mode === 'human') this.startPolling(backoff)
      return
    }
    this.pollFailures = 0

    if (Array.isArray(data.messages)) {
      let lastId = this.state.lastId || 0
      for (const raw of data.messages) {
        if (!raw || typeof raw !== 'object') continue
        const id = Number(raw.id)
        if (Number.isFinite(id)) {
          if (id <= lastId) continue // already shown
          lastId = id
        }
        const from = asString(raw.from)
        // Our own messages, and bot replies (already delivered by the POST
        // response), are not shown again
        if (from === 'user' || from === 'visitor' || from === 'bot') continue
        const role = from === 'system' ? 'system' : 'staff'
        this.addMessage(normaliseMessage(raw, role))
      }
      if (lastId !== this.state.lastId) this.saveState({ lastId })
    }

    if (data.mode === 'bot') {
      this.setMode('bot')
    } else if (this.state.mode === 'human') {
      this.startPolling()
    }
  }
}

/**
 * Enhance the chat <aside>. Safe to call more than once and when the
 * element is missing. Returns the widget instance or null.
 *
 * @param {HTMLElement | null} [root]
 */
export function initChatWidget (root = document.getElementById('wm-chat')) {
  if (!root || root.__wmChat) return root ? root.__wmChat : null
  if (typeof window.fetch !== 'function') return null // keep the no-JS fallback
  try {
    root.__wmChat = new ChatWidget(root)
    return root.__wmChat
  } catch (error) {
    // Never break the page: leave (or restore) the no-JS fallback
    console.error('Chat widget failed to start', error)
    root.querySelectorAll('.wm-chat__toggle, .wm-chat__panel').forEach((node) => node.remove())
    root.classList.remove('wm-chat--enhanced', 'wm-chat--open')
    document.documentElement.classList.remove('wm-chat-active')
    return null
  }
}
