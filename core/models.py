from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A user of the system; what they may see is bounded by their data scope."""

    scope_unit = models.ForeignKey(
        "cadres.OrgUnit",
        verbose_name=_("data scope"),
        help_text=_("The user sees this unit and everything under it."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
