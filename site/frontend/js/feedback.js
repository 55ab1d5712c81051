// "Is this page useful?": send the answer without leaving the page, then thank the resident in place.
// Without JavaScript the form posts normally and the server sends the browser back to #page-feedback.
export function initPageFeedback (form = document.querySelector('.wm-feedback__form')) {
  if (!form || !window.fetch || !window.FormData) return
  form.addEventListener('submit', async (event) => {
    const button = event.submitter
    if (!button || !button.value || form.dataset.plain) return
    event.preventDefault()
    const data = new FormData(form)
    data.set('useful', button.value)
    try {
      const response = await fetch(form.action, { method: 'POST', body: data, headers: { Accept: 'application/json' } })
      const reply = await response.json()
      if (!response.ok || !reply.ok) throw new Error(reply.message)
      const thanks = document.createElement('p')
      thanks.className = 'govuk-body govuk-!-font-weight-bold'
      thanks.setAttribute('role', 'status')
      thanks.tabIndex = -1
      thanks.textContent = reply.message
      form.replaceWith(thanks)
      if (reply.join_panel_url) thanks.after(panelInvitation(reply.join_panel_url))
      thanks.focus()
    } catch (error) {
      form.dataset.plain = '1' // fall back to the plain post
      if (form.requestSubmit) form.requestSubmit(button)
      else form.submit()
    }
  })
}

// "Help us make our pages clearer: join our resident testing panel." (the same words as page_feedback.html)
function panelInvitation (url) {
  const paragraph = document.createElement('p')
  paragraph.className = 'govuk-body'
  const link = document.createElement('a')
  link.className = 'govuk-link'
  link.href = url
  link.textContent = 'join our resident testing panel'
  paragraph.append('Help us make our pages clearer: ', link, '.')
  return paragraph
}
