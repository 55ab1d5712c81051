// Run in the page by tests/browser/page_checks.py: what a sighted person would find wrong with the
// form controls on this page, as a list of sentences (empty when all is well).
//
// - A control a person can see needs a label they can see (a search box may be labelled by the
//   Search button beside it: WCAG technique G167) and a boundary they can see: a border, or a box,
//   with 3:1 contrast against what is around it (WCAG 1.4.11). GOV.UK radios and checkboxes draw
//   their box on the label's ::before, so that is where their boundary is looked for.
// - A control the page means to hide from people (inside aria-hidden, hidden or inert, or out of
//   the tab order like a spam honeypot) must not be seen, reached with Tab, or read out.
() => {
  const problems = []

  function rgba (value) {
    const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+%?))?\)/.exec(value || '')
    if (!m) return null
    let alpha = m[4] === undefined ? 1 : parseFloat(m[4])
    if (m[4] && m[4].endsWith('%')) alpha /= 100
    return { r: +m[1], g: +m[2], b: +m[3], a: alpha }
  }
  function luminance ({ r, g, b }) {
    const [R, G, B] = [r, g, b].map((v) => {
      v /= 255
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * R + 0.7152 * G + 0.0722 * B
  }
  function contrast (a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m)
    return (x + 0.05) / (y + 0.05)
  }
  // The colour behind an element: the first ancestor with an opaque-enough background.
  function backgroundBehind (el) {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor)
      if (colour && colour.a > 0.5) return colour
    }
    return { r: 255, g: 255, b: 255, a: 1 }
  }
  function name (el) {
    const label = el.labels && el.labels[0] ? ` ("${el.labels[0].textContent.trim().slice(0, 40)}")` : ''
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.name ? `[name=${el.name}]` : ''}${label}`
  }

  // Seen by a person: rendered, not transparent, at least 2x2 px after clipping by every ancestor
  // that clips (the govuk-visually-hidden pattern), and not pushed off the page.
  function seen (el) {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false
    let rect = el.getBoundingClientRect()
    let { left, top, right, bottom } = rect
    for (let node = el.parentElement; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node)
      if (style.overflow === 'visible' && style.clip === 'auto' && style.clipPath === 'none') continue
      rect = node.getBoundingClientRect()
      left = Math.max(left, rect.left)
      top = Math.max(top, rect.top)
      right = Math.min(right, rect.right)
      bottom = Math.min(bottom, rect.bottom)
    }
    const style = getComputedStyle(el)
    if (style.clipPath !== 'none' || style.clip !== 'auto') {
      if (el.getBoundingClientRect().width <= 1 || el.getBoundingClientRect().height <= 1) return false
    }
    const pageLeft = left + window.scrollX
    const pageTop = top + window.scrollY
    return right - left >= 2 && bottom - top >= 2 && pageLeft + (right - left) > 0 && pageTop + (bottom - top) > 0
  }

  function meantToBeHidden (el) {
    return !!el.closest('[aria-hidden="true"], [hidden], [inert]') || el.getAttribute('tabindex') === '-1'
  }
  function reachable (el) {
    // In the tab order and in the accessibility tree
    const rendered = el.checkVisibility({ visibilityProperty: true })
    return rendered && el.tabIndex >= 0 && !el.disabled
  }
  function readOut (el) {
    return el.checkVisibility({ visibilityProperty: true }) && !el.closest('[aria-hidden="true"], [inert]')
  }

  function visibleLabel (el) {
    const labels = [...(el.labels || [])]
    for (const id of (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)) {
      const node = document.getElementById(id)
      if (node) labels.push(node)
    }
    if (labels.some((label) => label.textContent.trim() && seen(label))) return true
    // G167: a search box labelled by the visible Search button beside it
    const form = el.form
    if (form && (el.type === 'search' || form.getAttribute('role') === 'search')) {
      return [...form.querySelectorAll('button, input[type=submit]')].some(
        (button) => seen(button) && (button.textContent || button.value || '').trim()
      )
    }
    return false
  }

  function borderVisible (style, outside) {
    for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
      const width = parseFloat(style[`border${side}Width`])
      const colour = rgba(style[`border${side}Color`])
      if (style[`border${side}Style`] !== 'none' && width >= 1 && colour && colour.a > 0.5 &&
          contrast(colour, outside) >= 3) return true
    }
    return false
  }
  function visibleBoundary (el) {
    const outside = backgroundBehind(el.parentElement)
    const isBox = el.type === 'radio' || el.type === 'checkbox'
    if (isBox && getComputedStyle(el).opacity === '0' && el.labels && el.labels[0]) {
      // GOV.UK radios and checkboxes: the box is the label's ::before
      const before = getComputedStyle(el.labels[0], '::before')
      return before.content !== 'none' && borderVisible(before, outside)
    }
    const targets = [getComputedStyle(el)]
    if (el.type === 'file') targets.push(getComputedStyle(el, '::file-selector-button'))
    return targets.some((style) => {
      const fill = rgba(style.backgroundColor)
      return borderVisible(style, outside) || (fill && fill.a > 0.5 && contrast(fill, outside) >= 3)
    })
  }

  const controls = document.querySelectorAll('input:not([type=hidden]), select, textarea')
  for (const el of controls) {
    if (meantToBeHidden(el)) {
      const ways = []
      if (seen(el)) ways.push('seen')
      if (reachable(el)) ways.push('reached with Tab')
      if (readOut(el)) ways.push('read out by a screen reader')
      if (ways.length) problems.push(`${name(el)} is meant to be hidden but can be ${ways.join(', ')}`)
      continue
    }
    const box = (el.type === 'radio' || el.type === 'checkbox') && el.labels && el.labels[0] ? el.labels[0] : el
    if (!seen(box)) {
      if (reachable(el)) problems.push(`${name(el)} cannot be seen but can be reached with Tab`)
      continue
    }
    if (!visibleLabel(el)) problems.push(`${name(el)} has no visible label`)
    if (!visibleBoundary(el)) problems.push(`${name(el)} has no visible boundary (3:1 against its background)`)
  }
  for (const button of document.querySelectorAll('button, input[type=submit]')) {
    if (!meantToBeHidden(button) && seen(button) && !(button.textContent || button.value || '').trim()) {
      problems.push(`${name(button)} is a button with no visible text`)
    }
  }
  return problems
}
