/**
 * Chat widget – DOM: builds the panel inside <aside class="wm-chat"> and renders messages.
 * Server text is only ever set with textContent (never innerHTML); links go through safeUrl.
 */
import { asString, safeUrl } from './messages.js'
import { appendReplyLines } from './text.js'

export const MAX_MESSAGE_LENGTH = 500

export const TEXT = {
  toggle: 'Chat', // then toggleMore, hidden on a phone: the button's name is always "Chat with our assistant"
  toggleMore: ' with our assistant',
  title: 'Ask Westmere',
  botNotice: 'This is an automated assistant, not a person. Do not share bank details.',
  about: 'How our assistant works',
  humanNotice: 'You are now chatting with a member of council staff. Do not share bank details.',
  label: 'Type your question',
  send: 'Send',
  close: 'Close',
  closeHidden: ' chat',
  logLabel: 'Conversation',
  typing: 'The assistant is replying…',
  you: 'You said:',
  bot: 'Assistant:',
  staff: 'Council staff:', // without the council's name; with it, "Fellside staff:" (staffLabel)
  staffAfterName: ' staff:',
  system: 'Update:',
  toBot: 'The member of staff has left the chat. You are talking to the automated assistant again.',
  error: 'Problem:',
  unavailable: 'Sorry, the assistant is not available right now.',
  contact: 'Contact us',
  contactIntro: 'You can also ',
  helpfulQuestion: 'Did this answer help?',
  helpfulYes: 'Yes',
  helpfulNo: 'No',
  helpfulHidden: ' this answer helped',
  notHelpfulHidden: ' this answer did not help',
  helpfulThanks: 'Thank you for your feedback.',
  helpfulError: 'Sorry, we could not save your answer. Please try again.',
  notHelpfulSaid: "No, that didn't help",
  greeting: 'Hello. Ask me about a council service in your own words, or choose one of these:',
  greetingNoChoices: 'Hello. Ask me about a council service in your own words.'
}

let helpfulCount = 0

const ROLES = ['user', 'bot', 'staff', 'system', 'error']
const SENDER_TEXT = { user: TEXT.you, bot: TEXT.bot, staff: TEXT.staff, system: TEXT.system, error: TEXT.error }

/** What a member of staff's messages are labelled: the name of the council whose site the chat is on (the
    aside's data-council, "Fellside"), so a shared team's reply says whose staff it is; "Council staff:" without. */
export function staffLabel (councilName) {
  const name = asString(councilName).trim()
  return name ? `${name}${TEXT.staffAfterName}` : TEXT.staff
}

export function el (tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

/**
 * The toggle button and the (hidden) panel: header, notice, log, typing indicator and form.
 * Returns the parts the widget works with; nothing is attached to the page yet. `titleText`: the heading, with the
 * name of the council whose site it is (the aside's data-title: "Ask Fellside").
 */
export function buildWidget (idPrefix, titleText = TEXT.title) {
  const panelId = `${idPrefix}-panel`
  const titleId = `${idPrefix}-title`
  const inputId = `${idPrefix}-input`

  const toggle = el('button', 'wm-chat__toggle')
  toggle.type = 'button'
  toggle.setAttribute('aria-expanded', 'false')
  toggle.setAttribute('aria-controls', panelId)
  const icon = el('span', 'wm-chat__toggle-icon')
  icon.setAttribute('aria-hidden', 'true')
  toggle.append(icon, document.createTextNode(TEXT.toggle), el('span', 'wm-chat__toggle-more', TEXT.toggleMore))

  const panel = el('div', 'wm-chat__panel')
  panel.id = panelId
  panel.hidden = true
  panel.setAttribute('role', 'region')
  panel.setAttribute('aria-labelledby', titleId)

  const header = el('div', 'wm-chat__header')
  const title = el('h2', 'wm-chat__title', titleText)
  title.id = titleId
  const closeButton = el('button', 'wm-chat__close', TEXT.close)
  closeButton.type = 'button'
  closeButton.append(el('span', 'govuk-visually-hidden', TEXT.closeHidden))
  header.append(title, closeButton)

  const notice = el('p', 'wm-chat__notice')

  const log = el('div', 'wm-chat__log')
  log.setAttribute('role', 'log')
  log.setAttribute('aria-live', 'polite')
  log.setAttribute('aria-label', TEXT.logLabel)
  log.tabIndex = 0 // scrollable region must be keyboard reachable

  const typing = el('p', 'wm-chat__typing', TEXT.typing)
  typing.hidden = true

  const form = el('form', 'wm-chat__form')
  form.noValidate = true
  const label = el('label', 'wm-chat__label', TEXT.label)
  label.htmlFor = inputId
  const row = el('div', 'wm-chat__input-row')
  const input = el('input', 'wm-chat__input')
  input.type = 'text'
  input.id = inputId
  input.name = 'message'
  input.autocomplete = 'off'
  input.maxLength = MAX_MESSAGE_LENGTH
  input.setAttribute('enterkeyhint', 'send')
  const sendButton = el('button', 'wm-chat__send', TEXT.send)
  sendButton.type = 'submit'
  row.append(input, sendButton)
  form.append(label, row)

  panel.append(header, notice, log, typing, form)
  return { toggle, panel, closeButton, notice, log, typing, form, input }
}

export function showNotice (notice, mode, aboutUrl = '') {
  const human = mode === 'human'
  notice.textContent = human ? TEXT.humanNotice : TEXT.botNotice
  if (!human && aboutUrl) {
    const about = el('a', 'govuk-link', TEXT.about)
    about.href = aboutUrl
    notice.append(' ', about, '.')
  }
  notice.classList.toggle('wm-chat__notice--human', human)
}

/** The first message when the panel opens on an empty conversation: a hello, and the site's suggested
    questions as buttons ({title, payload}: the title is shown, the payload sent). */
export function greetingMessage (suggestions) {
  const buttons = Array.isArray(suggestions) ? suggestions : []
  return {
    role: 'bot',
    greeting: true,
    text: buttons.length ? TEXT.greeting : TEXT.greetingNoChoices,
    links: [],
    buttons
  }
}

/** Append one message to the log; returns its element. `staff`: the label of staff's messages (staffLabel). */
export function renderMessage (log, message, staff = TEXT.staff) {
  const role = ROLES.includes(message.role) ? message.role : 'bot'
  const item = el('div', `wm-chat__message wm-chat__message--${role}`)
  if (message.greeting) item.classList.add('wm-chat__message--greeting')

  const sender = el('span', 'wm-chat__sender', role === 'staff' ? staff : SENDER_TEXT[role])
  // Only staff messages show the sender visibly; the rest is for screen readers
  if (role !== 'staff') sender.classList.add('govuk-visually-hidden')
  item.append(sender)

  const lines = asString(message.text).split(/\r\n|\r|\n/).map((line) => line.trim()).filter(Boolean)
  if (role === 'user') {
    for (const line of lines) item.append(el('p', 'wm-chat__text', line)) // the resident's words, as typed
  } else {
    appendReplyLines(item, lines) // "- " lines as a list, phone numbers as links
  }

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

  // Asked until answered, or until the resident has moved on (sent another message: settled)
  const rated = message.feedback === 'yes' || message.feedback === 'no'
  if (role === 'bot' && message.answer && message.answer.key && (rated || !message.settled)) {
    item.append(renderHelpful(message))
  }

  log.append(item)
  return item
}

/** "Did this answer help? Yes / No" under a page's answer, or the thanks once it has been answered. */
export function renderHelpful (message) {
  if (message.feedback === 'yes' || message.feedback === 'no') {
    return el('p', 'wm-chat__helpful-thanks', TEXT.helpfulThanks)
  }
  helpfulCount += 1
  const questionId = `wm-chat-helpful-${helpfulCount}`
  const group = el('div', 'wm-chat__helpful')
  group.setAttribute('role', 'group')
  group.setAttribute('aria-labelledby', questionId)
  const question = el('p', 'wm-chat__helpful-question', TEXT.helpfulQuestion)
  question.id = questionId
  group.append(question)
  for (const [value, text, hidden] of [['yes', TEXT.helpfulYes, TEXT.helpfulHidden], ['no', TEXT.helpfulNo, TEXT.notHelpfulHidden]]) {
    const button = el('button', 'wm-chat__helpful-button', text)
    button.type = 'button'
    button.setAttribute('data-helpful', value)
    button.append(el('span', 'govuk-visually-hidden', hidden))
    group.append(button)
  }
  group.__message = message
  return group
}

/** A problem message with a link to the contact page (none when the site has no contact page). */
export function renderError (log, text, contactUrl) {
  const item = renderMessage(log, { role: 'error', text: text || TEXT.unavailable })
  if (!contactUrl) return item
  const p = el('p', 'wm-chat__text', TEXT.contactIntro)
  const a = el('a', 'govuk-link', TEXT.contact.toLowerCase())
  a.href = contactUrl
  p.append(a, document.createTextNode('.'))
  item.append(p)
  return item
}
