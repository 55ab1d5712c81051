/**
 * Chat widget – messages: what the server sends, checked and normalised into the shape the widget
 * stores and renders: {role, text, links: [{text, url}], buttons: [{title, payload}]}.
 */

export function asString (value) {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return ''
}

/** Only same-site relative URLs and http(s)/mailto/tel links; anything else is dropped (null). */
export function safeUrl (url) {
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

const CHAT_KEY = /^[A-Za-z0-9_-]{1,60}$/

/** A server message as {role, text, links, buttons[, answer]}, or null when there is nothing to show.
    `answer: {key}` marks a page's answer, which the widget asks residents to rate. */
export function normaliseMessage (raw, role) {
  if (!raw || typeof raw !== 'object') return null
  const message = { role, text: asString(raw.text), links: [], buttons: [] }
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
  if (raw.answer && typeof raw.answer === 'object' && CHAT_KEY.test(asString(raw.answer.key))) {
    message.answer = { key: raw.answer.key }
  }
  return message
}
