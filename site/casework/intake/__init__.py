"""Taking a request in through an online form (cms_pages.TaskFormPage keeps the fields and the routes):

- questions: which check each question gets, and the form built from the editor's questions
- steps: which questions go on which page, and the "Check your answers" rows
- drafts: answers kept in the resident's session until the form is sent
- uploads: photos stored as they are sent, then joined to the request
- submit: save the request (before anything else), then email or take payment
- payment: send the resident to the payment provider and back
"""
