/**
 * Westmere District Council – chat widget (controller)
 *
 * Progressive enhancement of:
 *
 *   <aside class="wm-chat" id="wm-chat" data-endpoint="/api/chat/" data-poll-endpoint="/api/chat/poll/"
 *          data-answer-feedback-endpoint="/api/chat/answer-feedback/" data-contact-url="/contact-us/"
 *          (the contact page's real address, from the page; empty when the site has none)
 *          data-suggestions='[{"title": "Report a missed bin collection", "payload": "my bin was missed"}]'
 *          data-title="Ask Fellside" data-council="Fellside"
 *          (the council whose site it is: the panel's heading, and staff's messages are "Fellside staff:")
 *          aria-label="Chat">
 *     <p class="wm-chat__fallback govuk-body-s">Need help? <a class="govuk-link" href="/contact-us/">Contact us</a></p>
 *   </aside>
 *
 * The toggle button goes in the page's [data-chat-toggle-slot] (in the header, where it covers nothing),
 * else at the end of the <aside>.
 *
 * Ties together storage.js (what is kept between pages), transport.js (the web app's chat API)
 * and dom.js (the panel and messages). Any failure leaves the page, and its "Contact us" link,
 * working. The API contract is in the front-end README.
 */
import {
  buildWidget, el, greetingMessage, MAX_MESSAGE_LENGTH, renderError, renderHelpful, renderMessage, showNotice,
  staffLabel, TEXT
} from './dom.js'
import { asString, normaliseMessage, safeUrl } from './messages.js'
import { ChatStorage } from './storage.js'
import { ChatTransport } from './transport.js'

const NOT_HELPFUL_PAYLOAD = '/not_helpful' // the assistant's intent for "that didn't help"

const POLL_INTERVAL_MS = 2000
const POLL_MAX_BACKOFF_MS = 30000
// Below GOV.UK's tablet breakpoint (641px) the open panel fills the screen (components/_chat.scss)
const PANEL_COVERS_PAGE = '(max-width: 640px)'

export class ChatWidget {
  /** @param {HTMLElement} root - the <aside class="wm-chat"> element */
  constructor (root) {
    this.root = root
    // The contact page's address comes from the page (no address is typed here); null without a contact page,
    // and then problem messages carry no "Contact us" link.
    this.contactUrl = safeUrl(root.getAttribute('data-contact-url') || '')
    this.aboutUrl = safeUrl(root.getAttribute('data-about-url') || '')
    this.storage = new ChatStorage()
    this.transport = new ChatTransport({
      endpoint: root.getAttribute('data-endpoint') || '/api/chat/',
      pollEndpoint: root.getAttribute('data-poll-endpoint') || '',
      answerFeedbackEndpoint: root.getAttribute('data-answer-feedback-endpoint') || '',
      sender: this.storage.sender()
    })
    this.history = this.storage.history()
    this.state = this.storage.state()
    this.suggestions = readSuggestions(root.getAttribute('data-suggestions'))
    this.staffLabel = staffLabel(root.dataset.council) // "Fellside staff:"

    this.queue = Promise.resolve()
    this.pending = 0
    this.pollTimer = null
    this.pollFailures = 0
    this.pollInFlight = false

    Object.assign(this, buildWidget(root.id || 'wm-chat', root.dataset.title || TEXT.title))
    showNotice(this.notice, this.state.mode, this.aboutUrl)
    // Render stored history before the log is attached, so screen readers
    // don't re-announce the whole conversation on every page.
    for (const message of this.history) renderMessage(this.log, message, this.staffLabel)
    const slot = document.querySelector('[data-chat-toggle-slot]')
    ;(slot || this.root).append(this.toggle)
    this.root.append(this.panel)
    this.root.classList.add('wm-chat--enhanced')
    document.documentElement.classList.add('wm-chat-active')
    this.bind()

    this.rememberCampaign()
    if (this.state.mode === 'human') this.startPolling()
    if (this.state.open) this.open({ focus: false })
    this.handleDeepLinks()
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
      const helpful = event.target instanceof Element ? event.target.closest('.wm-chat__helpful-button') : null
      if (helpful && this.log.contains(helpful)) {
        this.rateAnswer(helpful)
        return
      }
      const button = event.target instanceof Element ? event.target.closest('.wm-chat__quick-reply') : null
      if (!button || !this.log.contains(button)) return
      const payload = button.getAttribute('data-payload') || button.textContent
      this.send(payload, button.textContent, 'button')
      this.input.focus()
    })
    // On a phone the open panel covers the page: a link followed from the panel (Start now, a page, how it works)
    // opens its page with the panel closed, so the resident sees what they asked for. The conversation stays.
    this.panel.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null
      if (!link || event.defaultPrevented || event.ctrlKey || event.metaKey || event.shiftKey) return
      if (link.target === '_blank' || !window.matchMedia || !window.matchMedia(PANEL_COVERS_PAGE).matches) return
      this.saveState({ open: false })
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

  /** A visit that came through a campaign link (/go/<name>) has ?campaign= on its landing page: the chat's
   * messages carry it for this tab's visit only (sessionStorage, never a cookie). */
  rememberCampaign () {
    try {
      const campaign = new URL(window.location.href).searchParams.get('campaign') || ''
      if (/^[a-z0-9][a-z0-9-]{0,39}$/.test(campaign)) this.saveState({ campaign })
    } catch (e) {
      // ignore: the chat works without it
    }
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

  /** `?ask=question` (or `?q=` on an answer page) opens the widget and asks once; `#chat` opens it. Both are
   * removed from the URL. */
  handleDeepLinks () {
    let url
    try {
      url = new URL(window.location.href)
    } catch (e) {
      return
    }
    // An answer page (/ask/<key>/?q=...) of a shared chat link: the widget opens on top and asks the question
    const param = document.querySelector('[data-chat-answer-page]') && url.searchParams.has('q') ? 'q' : 'ask'
    const ask = url.searchParams.get(param)
    const hasAsk = url.searchParams.has(param)
    const hashChat = url.hash === '#chat'
    if (!hasAsk && !hashChat) return

    if (hasAsk) url.searchParams.delete(param)
    if (hashChat) url.hash = ''
    try {
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
    } catch (e) {
      // ignore: worst case a reload asks again
    }

    this.open({ focus: true })
    const question = (ask || '').trim().slice(0, MAX_MESSAGE_LENGTH)
    if (question) this.send(question, '', 'link') // from a shared link: the server lets it start no hand-over
  }

  isOpen () {
    return !this.panel.hidden
  }

  open ({ focus = true } = {}) {
    if (!this.history.length) this.addMessage(greetingMessage(this.suggestions))
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

  /** To the end of the conversation; but a message taller than the log is shown from its start, so a long
      reply (or the greeting with its suggestions) is read from the top. */
  scrollLog () {
    this.log.scrollTop = this.log.scrollHeight
    const last = this.log.lastElementChild
    if (!last) return
    const above = this.log.getBoundingClientRect().top - last.getBoundingClientRect().top
    if (above > 0) this.log.scrollTop -= above + parseFloat(window.getComputedStyle(this.log).paddingTop || '0')
  }

  addMessage (message, { persist = true } = {}) {
    if (!message) return
    renderMessage(this.log, message, this.staffLabel)
    if (persist) {
      this.history.push(message)
      this.history = this.storage.saveHistory(this.history)
    }
    this.scrollLog()
  }

  /** Errors are not stored: they should not follow the resident around. */
  addError (text) {
    renderError(this.log, text, this.contactUrl)
    this.scrollLog()
  }

  setBusy (delta) {
    this.pending = Math.max(0, this.pending + delta)
    this.typing.hidden = this.pending === 0 || this.state.mode === 'human'
    this.root.classList.toggle('wm-chat--busy', this.pending > 0)
  }

  saveState (patch) {
    Object.assign(this.state, patch)
    this.storage.saveState(this.state)
  }

  setMode (mode) {
    const next = mode === 'human' ? 'human' : 'bot'
    if (next === this.state.mode) {
      if (next === 'human' && !this.pollTimer && !this.pollInFlight) this.startPolling()
      return
    }
    this.saveState({ mode: next })
    showNotice(this.notice, next, this.aboutUrl)
    // Announce the hand-back in the log (role="log" is read out). A person joining is announced by the
    // server's own message, which names them and their council ("Sam from Fellside District Council has joined").
    if (next !== 'human') this.addMessage({ role: 'system', text: TEXT.toBot })
    if (next === 'human') this.startPolling()
    else this.stopPolling()
  }

  /**
   * Send a message. `display` is what is shown as the resident's message (the
   * title of a quick-reply button); `text` is what is sent. `kind` tells the server how it was
   * sent: 'typed', 'button' (a payload the assistant offered) or 'link' (a shared ?ask= link).
   * Messages go one at a time.
   */
  send (text, display, kind = 'typed') {
    const message = asString(text).trim().slice(0, MAX_MESSAGE_LENGTH)
    if (!message) return this.queue
    this.settle()
    this.addMessage({ role: 'user', text: asString(display).trim() || message })
    this.setBusy(1)
    this.queue = this.queue
      .then(() => this.post(message, kind))
      .catch(() => this.addError())
      .finally(() => this.setBusy(-1))
    return this.queue
  }

  /** The resident has moved on: the quick replies and "Did this answer help?" questions already in the log no
      longer apply, so they go (from the stored conversation too). An answered question keeps its thanks. */
  settle () {
    for (const message of this.history) {
      if (message.buttons && message.buttons.length) message.buttons = []
      if (message.answer && !message.feedback) message.settled = true
      if (message.greeting) message.text = TEXT.greetingNoChoices // no "choose one of these" without them
    }
    this.history = this.storage.saveHistory(this.history)
    this.log.querySelectorAll('.wm-chat__buttons, .wm-chat__helpful').forEach((node) => node.remove())
    this.log.querySelectorAll('.wm-chat__message--greeting .wm-chat__text').forEach((node) => {
      node.textContent = TEXT.greetingNoChoices
    })
  }

  async post (message, kind) {
    let result
    try {
      result = await this.transport.send(message, window.location.pathname, kind, this.state.campaign)
    } catch (e) {
      this.addError()
      return
    }
    const data = result.data
    if (!result.ok) {
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

  /** A Yes or No under a page's answer: saved, then the question is replaced by thanks (focused, so
      keyboard users stay in place, and read out by the log). On failure the buttons stay for a retry. */
  async rateAnswer (button) {
    const group = button.closest('.wm-chat__helpful')
    const message = group && group.__message
    if (!message || group.classList.contains('wm-chat__helpful--busy')) return
    group.classList.add('wm-chat__helpful--busy')
    const value = button.getAttribute('data-helpful') === 'yes' ? 'yes' : 'no'
    const saved = await this.transport.rateAnswer(message.answer.key, value === 'yes')
    group.classList.remove('wm-chat__helpful--busy')
    const previousError = group.querySelector('.wm-chat__helpful-error')
    if (previousError) previousError.remove()
    if (!saved) {
      group.append(el('p', 'wm-chat__helpful-error', TEXT.helpfulError))
      return
    }
    message.feedback = value
    this.history = this.storage.saveHistory(this.history)
    const thanks = renderHelpful(message)
    thanks.tabIndex = -1
    group.replaceWith(thanks)
    thanks.focus()
    // "No" is also said to the assistant, as if typed: it says sorry, offers a search and a person,
    // and passes the question it answered wrongly to editors.
    if (value === 'no' && this.state.mode !== 'human') this.send(NOT_HELPFUL_PAYLOAD, TEXT.notHelpfulSaid, 'button')
  }

  /* Polling for staff replies while a person handles the chat: every POLL_INTERVAL_MS, paused in
     background tabs, backing off (up to POLL_MAX_BACKOFF_MS) on errors. */

  startPolling (delay = POLL_INTERVAL_MS) {
    if (!this.transport.canPoll) return
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
    if (document.visibilityState === 'hidden') return // resumes on visibilitychange

    this.pollInFlight = true
    let data
    try {
      data = await this.transport.poll(this.state.lastId)
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

    if (Array.isArray(data.messages)) this.showPolledMessages(data.messages)
    if (data.mode === 'bot') {
      this.setMode('bot')
    } else if (this.state.mode === 'human') {
      this.startPolling()
    }
  }

  /** Staff and system messages with ids above the last one shown. The resident's own messages and bot
      replies (already delivered by the POST response) are not shown again. */
  showPolledMessages (messages) {
    let lastId = this.state.lastId || 0
    for (const raw of messages) {
      if (!raw || typeof raw !== 'object') continue
      const id = Number(raw.id)
      if (Number.isFinite(id)) {
        if (id <= lastId) continue // already shown
        lastId = id
      }
      const from = asString(raw.from)
      if (from === 'user' || from === 'visitor' || from === 'bot') continue
      this.addMessage(normaliseMessage(raw, from === 'system' ? 'system' : 'staff'))
    }
    if (lastId !== this.state.lastId) this.saveState({ lastId })
  }
}

/** The site's suggested questions (data-suggestions, JSON [{title, payload}]), checked as any buttons are. */
function readSuggestions (json) {
  let raw
  try {
    raw = JSON.parse(json || '[]')
  } catch (e) {
    return []
  }
  const message = normaliseMessage({ buttons: Array.isArray(raw) ? raw : [] }, 'bot')
  return message ? message.buttons.slice(0, 6) : []
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
    document.querySelectorAll('.wm-chat__toggle, .wm-chat__panel').forEach((node) => node.remove())
    root.classList.remove('wm-chat--enhanced', 'wm-chat--open')
    document.documentElement.classList.remove('wm-chat-active')
    return null
  }
}
