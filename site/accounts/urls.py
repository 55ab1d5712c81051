from django.urls import path

from . import details, views

app_name = "accounts"

urlpatterns = [
    path("account/", views.home, name="home"),
    path("account/sign-up/", views.sign_up, name="sign_up"),
    path("account/sign-up/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("account/sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("account/sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("account/verify/resend/", views.resend_verification, name="resend_verification"),
    path("account/verify/<uidb64>/<token>/", views.verify, name="verify"),
    path("account/verify/<str:token>/", views.verify_old_link),
    path("account/details/", details.change_details, name="details"),
    path("account/addresses/add/", details.add_address, name="add_address"),
    path("account/addresses/<int:pk>/use/", details.use_address, name="use_address"),
    path("account/addresses/<int:pk>/remove/", details.remove_address, name="remove_address"),
    path("account/download/", views.download, name="download"),
    path("account/delete/", views.delete, name="delete"),
    path("account/deleted/", views.deleted, name="deleted"),
    path("account/password-reset/", views.password_reset, name="password_reset"),
    path("account/password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "account/password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"
    ),
    path("account/password-reset/done/", views.password_reset_complete, name="password_reset_complete"),
]
