/**
 * Chat widget – the words of a reply as page content: lines that start with "- " become one list (the bin
 * days come that way), and UK phone numbers become tel: links. Text is only ever set with textContent, so
 * whatever a reply says is shown as words, never as markup.
 */

const BULLET = /^[-*•]\s+/

// A UK number as people write it: 01632 960000, 0300 123 4567, 020 7946 0000, (01632) 960000,
// +44 1632 960000, +44 (0)1632 960000. A match is a number only if it has 10 or 11 digits from its 0 and
// does not start 00 (international) or 04 / 06 (not used).
const PHONE = /(?<![\w+])(?:\+44 ?(?:\(0\) ?)?|\(?0)\d(?:[ \-)]{0,2}\d){8,9}(?![\w])/g

function node (tag, className, text) {
  const element = document.createElement(tag)
  if (className) element.className = className
  if (text !== undefined) element.textContent = text
  return element
}

/** "tel:+441632960000" for a UK number as written, or null when it is not one. */
export function telHref (written) {
  let digits = String(written).replace(/\D/g, '')
  if (written.trim().startsWith('+')) {
    if (!digits.startsWith('44')) return null
    digits = digits.slice(2).replace(/^0/, '')
  } else {
    if (!digits.startsWith('0')) return null
    digits = digits.slice(1)
  }
  if (digits.length < 9 || digits.length > 10 || !/^[1235789]/.test(digits)) return null
  return `tel:+44${digits}`
}

/** Append `text` to `parent`, with each UK phone number in it as a tel: link. */
export function appendWithPhoneLinks (parent, text) {
  let last = 0
  for (const match of text.matchAll(PHONE)) {
    const href = telHref(match[0])
    if (!href) continue
    if (match.index > last) parent.append(document.createTextNode(text.slice(last, match.index)))
    const link = node('a', 'govuk-link', match[0])
    link.href = href
    parent.append(link)
    last = match.index + match[0].length
  }
  if (last < text.length) parent.append(document.createTextNode(text.slice(last)))
  return parent
}

/**
 * The lines of a reply, appended to `item`: a paragraph each, except that lines starting with "- " (or
 * "* ", "• ") next to each other make one bulleted list; phone numbers in either are tel: links.
 */
export function appendReplyLines (item, lines) {
  let list = null
  for (const line of lines) {
    if (BULLET.test(line)) {
      if (!list) {
        list = node('ul', 'wm-chat__list')
        item.append(list)
      }
      list.append(appendWithPhoneLinks(node('li'), line.replace(BULLET, '')))
    } else {
      list = null
      item.append(appendWithPhoneLinks(node('p', 'wm-chat__text'), line))
    }
  }
}
