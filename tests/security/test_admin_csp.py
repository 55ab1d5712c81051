"""Issue 20: the admin's Content-Security-Policy runs no inline script but Wagtail's own set-up scripts (each with
the response's nonce, or a chooser's set-up by its hash), and the page editor's preview may be framed by the admin.
Production settings (HTTPS, HSTS) as in test_production_settings.py; the policy is the same middleware."""
import base64
import hashlib
import re

import pytest
from django.contrib.auth.models import User
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from cms_pages.models import TaskFormPage, TaskPage
from sitewide.security_headers import chooser_setup_hashes, is_chooser_setup
from tests.conftest import westmere
from tests.security.csp import directives

pytestmark = pytest.mark.django_db

# Behind the proxy, as in production: HTTPS is said by X-Forwarded-Proto (Wagtail passes it on to the preview).
PRODUCTION_LIKE = {
    "SECURE_SSL_REDIRECT": True, "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}
NONCE_ATTRIBUTE = re.compile(r'nonce="([^"]+)"')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")([^>]*)>(.*?)</script>", re.S)


@pytest.fixture
def admin_client(site_client, settings):
    for name, value in PRODUCTION_LIKE.items():
        setattr(settings, name, value)
    site_client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
    site_client.force_login(User.objects.create_superuser("csp-admin", "csp-admin@example.org", "x"))
    return site_client


def sha256(script):
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def admin_pages():
    """The page editor of one page of every type, and the admin's lists and forms."""
    editors = []
    for page in Page.objects.all().specific():
        if type(page).__name__ not in {type(p).__name__ for p in editors} and page.depth > 1:
            editors.append(page)
    return [f"/admin/pages/{page.pk}/edit/" for page in editors] + [
        "/admin/", "/admin/pages/", "/admin/redirects/add/", "/admin/searchpicks/add/", "/admin/users/",
        "/admin/reports/site-history/", "/admin/workflows/list/", "/admin/live-chat/", "/admin/resident-feedback/",
    ]


def test_the_promoted_results_forms_set_up_their_query_chooser_with_the_nonce(admin_client):
    page = TaskPage.objects.live().first()
    query = Query.get("bulky rubbish")
    SearchPromotion.objects.create(query=query, page=page, sort_order=0)
    for url in ("/admin/searchpicks/add/", f"/admin/searchpicks/{query.pk}/"):
        response = admin_client.get(url)
        nonces = NONCE_ATTRIBUTE.findall(response.content.decode())
        set_up = [script for attributes, script in INLINE_SCRIPT.findall(response.content.decode())
                  if "createQueryChooser('id_query_string')" in script]
        assert len(set_up) == 1 and nonces, url
        assert f"'nonce-{nonces[0]}'" in directives(response["Content-Security-Policy"])["script-src"], url
    assert "bulky rubbish" in response.content.decode() and page.title in response.content.decode()


def test_every_inline_script_in_the_admin_has_the_nonce_or_is_a_choosers_set_up(admin_client):
    checked = 0
    for url in admin_pages():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert "'unsafe-inline'" not in policy["script-src"], url
        nonces = [source for source in policy["script-src"] if source.startswith("'nonce-")]
        for attributes, script in INLINE_SCRIPT.findall(response.content.decode()):
            nonce = NONCE_ATTRIBUTE.search(attributes)
            if nonce:
                assert f"'nonce-{nonce[1]}'" in nonces, url
            else:
                assert sha256(script) in policy["script-src"] and is_chooser_setup(script), (url, script[:80])
            checked += 1
    assert checked >= 10  # the editors' date pickers, inline panels and choosers are among them


def test_only_a_choosers_exact_set_up_call_is_allowed_by_its_hash():
    allowed = 'new ImageChooser("id_social_image", {"modalUrl": "/admin/images/chooser/"});'
    assert is_chooser_setup(allowed) and is_chooser_setup('createTaskChooser("id_task");')
    for injected in (
        'new ImageChooser("id_x", {"a": 1}); alert(1);',
        'new ImageChooser("id_x", {"a": 1}); new PageChooser("id_y", {"b": 2});',
        'new ImageChooser("id_x", {"a": alert(1)});',
        'new ImageChooser("id_x" + alert(1), {});',
        'alert(1); new ImageChooser("id_x", {});',
        'createTaskChooser("id_task"); alert(1);',
    ):
        assert not is_chooser_setup(injected), injected
    html = f"<p>x</p><script>{allowed}</script><script>alert(1)</script><script nonce=x>{allowed}</script>"
    assert chooser_setup_hashes(html) == [sha256(allowed)]


def test_the_editors_preview_may_be_framed_by_the_admin_and_the_public_page_by_nobody(admin_client):
    task = TaskPage.objects.get(**westmere("/garden-waste/"))
    revision = task.save_revision()
    preview = admin_client.get(f"/admin/pages/{task.pk}/revisions/{revision.pk}/view/")
    assert preview.status_code == 200 and task.title in preview.content.decode()
    policy = directives(preview["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"]
    public = admin_client.get(task.url)
    assert directives(public["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_a_form_page_editor_carries_its_inline_panel_set_up_with_the_nonce(admin_client):
    form_page = TaskFormPage.objects.get(**westmere("/report-a-missed-bin/start/"))
    response = admin_client.get(f"/admin/pages/{form_page.pk}/edit/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    assert f'<script nonce="{nonce}">' in response.content.decode()
    assert "new InlinePanel(" in response.content.decode()
