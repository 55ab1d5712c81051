"""Taking a request in through an online form. The page (cms_pages.TaskFormPage) keeps the editor's questions and
the routes, which alone speak HTTP; it writes its form once as plain values, and nothing here calls the page:

- definition: the form as plain values (FormDefinition: questions with their roles, steps, prices, the promise)
- flow: the Intake, one request being taken in: the steps, the answers so far, complete or not, the amount due
- questions: which check each question gets, and the Django form built from the questions
- pricing: the priced questions and what their answers cost
- steps: which questions go on which page, and the "Check your answers" rows
- drafts: an Intake's answers kept in the resident's session until the form is sent
- uploads: photos stored as they are sent, then joined to the request
- submit: save the request (before anything else), and what follows it, in order
- payment: ask the payment provider, and confirm the payment
"""
