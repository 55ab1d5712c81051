"""The question pages and "Check your answers": what a GET shows and what a POST does.

Every POST is rate-limited per address (FORM_STEP_RATE_LIMIT for question pages, FORM_RATE_LIMIT for
photos and sending); a limited post is shown back as typed, with a "wait a minute" message, and not stored.
"""
from django.http import Http404
from django.shortcuts import redirect

from casework.prices import pounds
from kit.honeypot import is_spam
from sitewide.rate_limits import is_limited

from . import drafts, steps, submit, uploads
from .questions import PHOTO_FIELD

CHECK_TEMPLATE = "cms_pages/task_form_page_check.html"


def question_page(page, request, number):
    form_class = page.get_form_class()
    plan = page.get_steps(form_class)
    if not 1 <= number <= len(plan):
        raise Http404
    names = plan[number - 1]
    if request.method != "POST" and number == 1 and drafts.DETAILS_PARAM in request.GET:
        drafts.prefill_details(request, page, request.GET[drafts.DETAILS_PARAM])
    draft = drafts.load(request, page)
    changing = request.GET.get("change") == "1"
    if request.method != "POST":
        form = page.make_form(request, form_class, names, initial=draft["values"])
        return render_question(page, request, form, number, plan, draft, changing)
    if is_spam(request.POST):
        return page.fake_success(request)
    form = page.make_form(request, form_class, names, data=request.POST, files=request.FILES)
    form.answers_so_far = draft["values"]  # a priced question may depend on an answer given on another page
    uploading = PHOTO_FIELD in names and request.FILES.get(PHOTO_FIELD)
    if is_limited(request, "form-steps", "FORM_STEP_RATE_LIMIT") or (
        uploading and is_limited(request, "uploads", "FORM_RATE_LIMIT")
    ):
        typed = {name: form.fields[name].widget.value_from_datadict(request.POST, {}, name) for name in names}
        form = page.make_form(request, form_class, names, initial=typed)
        return render_question(page, request, form, number, plan, draft, changing, rate_limited=True, status=429)
    drafts.keep_typed(request, page, draft, form, names)
    if not form.is_valid():
        return render_question(page, request, form, number, plan, draft, changing)
    if uploading and form.cleaned_data.get(PHOTO_FIELD):
        draft["photo"] = uploads.store(form.cleaned_data[PHOTO_FIELD], draft.get("photo"))
        drafts.save(request, page, draft)
    if changing or number == len(plan):
        return redirect(page.sub_url("check"))
    return redirect(page.step_url(number + 1))


def render_question(page, request, form, number, plan, draft, changing, rate_limited=False, status=200):
    if changing:
        back_url = page.sub_url("check")
    else:
        back_url = page.step_url(number - 1) if number > 1 else page.task.url
    context = {
        "form": form,
        "step_number": number,
        "step_count": len(plan),
        "back_url": back_url,
        "form_action": page.step_url(number) + ("?change=1" if changing else ""),
        "photo": draft.get("photo") if PHOTO_FIELD in form.fields else None,
        "rate_limited": rate_limited,
    }
    return page.render_page(request, page.get_template(request), context, status=status)


def check_page(page, request):
    form_class = page.get_form_class()
    plan = page.get_steps(form_class)
    draft = drafts.load(request, page)
    form = page.make_form(request, form_class, data=steps.as_post_data(form_class, draft["values"]))
    if not form.is_valid():
        return redirect(page.step_url(steps.first_invalid_step(form, plan)))
    rows = steps.answer_rows(form, plan, draft.get("photo"), lambda number: page.step_url(number) + "?change=1")
    amount = submit.amount_due(page, form)
    context = {
        "rows": rows,
        "back_url": page.step_url(len(plan)),
        "check_url": page.sub_url("check"),
        "amount": pounds(amount) if amount else "",
    }
    if request.method != "POST":
        return page.render_page(request, CHECK_TEMPLATE, context)
    if is_spam(request.POST):
        return page.fake_success(request)
    if is_limited(request, "forms", "FORM_RATE_LIMIT"):
        return page.render_page(request, CHECK_TEMPLATE, {**context, "rate_limited": True}, status=429)
    return submit.send(page, request, form, rows, draft)
