from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Accounts and system")

    def ready(self):
        from core import permissions  # noqa: F401  registers rules predicates
        from core.audit import end_login_skip, skip_login_history
        from core.authcache import retire_on_changes
        from core.jobs import sync_periodic_tasks_after_migrate
        from core.models import User
        from core.roles import sync_roles_after_migrate
        from core.tokens import mark_revocation, revoke_tokens

        # Models added by later migrations get their permissions after migrate; re-sync
        # the role groups then so no role silently lacks a new model's permissions.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="core.sync_roles")
        # Periodic jobs land in django-celery-beat's tables, where admin edits them.
        post_migrate.connect(sync_periodic_tasks_after_migrate, dispatch_uid="core.sync_periodic_tasks")
        # A changed password or a deactivation ends the user's API tokens, whoever saves the user.
        pre_save.connect(mark_revocation, sender=User, dispatch_uid="core.token_mark_revocation")
        post_save.connect(revoke_tokens, sender=User, dispatch_uid="core.token_revoke")
        # A login writes last_login only; the account's history keeps changes, not logins.
        pre_save.connect(skip_login_history, sender=User, dispatch_uid="core.skip_login_history")
        post_save.connect(end_login_skip, sender=User, dispatch_uid="core.end_login_skip")
        # A change to a role, a group or a user's groups retires the cached permissions.
        retire_on_changes()
