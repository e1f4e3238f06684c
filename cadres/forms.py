from django import forms

from cadres.models import OrgUnit, Post, PostQuota
from core.forms import BootstrapFormMixin
from core.scope import scoped


class ScopedFormMixin(BootstrapFormMixin):
    """Limit every unit choice to the user's data scope."""

    scoped_fields = ("unit", "parent")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in self.scoped_fields:
            if name in self.fields:
                self.fields[name].queryset = scoped(user, OrgUnit.objects.filter(active=True))


class OrgUnitForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["code", "name", "kind", "parent", "order", "active"]


class PostForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Post
        fields = ["unit", "title", "level", "category", "is_key", "order", "active"]


class PostQuotaForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = PostQuota
        fields = ["unit", "level", "approved", "note"]
