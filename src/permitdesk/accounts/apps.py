from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "permitdesk.accounts"
    verbose_name = "Roles and API tokens"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from permitdesk.accounts import idle, lockout, two_factor

        user_logged_in.connect(idle.mark_signed_in, dispatch_uid="permitdesk-idle")
        user_logged_in.connect(two_factor.mark_signed_in, dispatch_uid="permitdesk-two-factor")
        user_locked_out.connect(lockout.record_lockout, dispatch_uid="permitdesk-lockout")
