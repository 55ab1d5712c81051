/**
 * Chat widget – storage: the resident's sender id (localStorage) and this tab's conversation and
 * panel state (sessionStorage). Every access is guarded: private mode, disabled storage or a full
 * quota only mean the conversation is not kept.
 *
 *   localStorage['wm-chat-sender']   a random id, so the bot and staff see one conversation
 *   sessionStorage['wm-chat-log']    the last MAX_STORED_MESSAGES messages
 *   sessionStorage['wm-chat-state']  {open, mode: "bot"|"human", lastId, campaign}
 */

const SENDER_KEY = 'wm-chat-sender'
const LOG_KEY = 'wm-chat-log'
const STATE_KEY = 'wm-chat-state'
export const MAX_STORED_MESSAGES = 60

/** The named Web Storage, or null when it cannot be used. */
function safeStorage (type) {
  try {
    const store = window[type]
    const probe = '__wm-chat__'
    store.setItem(probe, probe)
    store.removeItem(probe)
    return store
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

/** A version 4 UUID, from crypto.randomUUID where the page is a secure context. */
export function uuid () {
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

export class ChatStorage {
  constructor () {
    this.local = safeStorage('localStorage')
    this.session = safeStorage('sessionStorage')
  }

  /** The stored sender id, or a new one (kept if localStorage works, else one per page load). */
  sender () {
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

  history () {
    const history = readJSON(this.session, LOG_KEY, [])
    return Array.isArray(history) ? history : []
  }

  /** Keeps the last MAX_STORED_MESSAGES; returns what was kept. */
  saveHistory (history) {
    const kept = history.length > MAX_STORED_MESSAGES ? history.slice(-MAX_STORED_MESSAGES) : history
    writeJSON(this.session, LOG_KEY, kept)
    return kept
  }

  state () {
    const state = readJSON(this.session, STATE_KEY, {}) || {}
    return {
      open: !!state.open,
      mode: state.mode === 'human' ? 'human' : 'bot',
      lastId: Number.isFinite(state.lastId) ? state.lastId : 0,
      campaign: typeof state.campaign === 'string' ? state.campaign : ''
    }
  }

  saveState (state) {
    writeJSON(this.session, STATE_KEY, state)
  }
}
