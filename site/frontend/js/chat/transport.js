/**
 * Chat widget – transport: the widget's only conversation with the web app.
 *
 *   POST endpoint       {"sender", "message", "page", "kind", "campaign"}  (JSON, X-CSRFToken from the csrftoken cookie)
 *     200 -> {"messages": [...], "mode": "bot"|"human"};  other -> optional {"message": "..."}
 *   GET  pollEndpoint?after=<last id>, header X-Chat-Sender: <id>  -> {"messages": [{"id", "text", "from"}], "mode"}
 *        (the sender id is the conversation's only key: in a header it stays out of every access log)
 *   POST answerFeedbackEndpoint {"sender", "key", "helpful": true|false}  -> 200 {"ok": true, "message"}
 *
 * Every request is same-origin, times out after REQUEST_TIMEOUT_MS and never throws on a bad body.
 */

const REQUEST_TIMEOUT_MS = 20000

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

/** fetch with a timeout: {ok (status 200), status, data (parsed JSON or null)}; rejects on network errors. */
async function request (url, options) {
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

export class ChatTransport {
  constructor ({ endpoint, pollEndpoint, answerFeedbackEndpoint, sender }) {
    this.endpoint = endpoint
    this.pollEndpoint = pollEndpoint
    this.answerFeedbackEndpoint = answerFeedbackEndpoint
    this.sender = sender
  }

  async jsonHeaders () {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' }
    // Pages are cached and set no cookies, so the first post asks for the CSRF cookie.
    if (!csrfToken()) {
      try {
        await request(this.endpoint, { method: 'GET', headers: { Accept: 'application/json' } })
      } catch (e) {}
    }
    const token = csrfToken()
    if (token) headers['X-CSRFToken'] = token
    return headers
  }

  get canPoll () {
    return !!this.pollEndpoint
  }

  /** Send one message: {ok, data}. Rejects only when the network fails. */
  async send (message, page, kind = 'typed', campaign = '') {
    const result = await request(this.endpoint, {
      method: 'POST',
      headers: await this.jsonHeaders(),
      body: JSON.stringify({ sender: this.sender, message, page, kind, campaign })
    })
    const data = result.data && typeof result.data === 'object' ? result.data : null
    return { ok: result.ok && !!data, data }
  }

  /** "Did this answer help?" for the page with chat key `key`: true when it was saved. */
  async rateAnswer (key, helpful) {
    if (!this.answerFeedbackEndpoint) return false
    try {
      const result = await request(this.answerFeedbackEndpoint, {
        method: 'POST',
        headers: await this.jsonHeaders(),
        body: JSON.stringify({ sender: this.sender, key, helpful })
      })
      return result.ok
    } catch (e) {
      return false
    }
  }

  /** Staff and system messages after `after`: the reply object, or null on any failure. */
  async poll (after) {
    try {
      const url = new URL(this.pollEndpoint, window.location.href)
      url.searchParams.set('after', String(after || 0))
      const result = await request(url.pathname + url.search, {
        method: 'GET',
        headers: { Accept: 'application/json', 'X-Chat-Sender': this.sender }
      })
      return result.ok && result.data && typeof result.data === 'object' ? result.data : null
    } catch (e) {
      return null
    }
  }
}
