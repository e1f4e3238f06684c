from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class LanguageMiddleware:
    """Simplified Chinese for everyone unless the user chose another language (/i18n/setlang/).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: HR staff on
    an English-language browser still get the Chinese UI their colleagues see.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# Browser features no page of ours uses; denying them limits what injected content could reach.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class PrivateResponseMiddleware:
    """Nothing a logged-in user (or the API) is shown is kept by a browser or a proxy cache: every
    such page, fragment, file and API answer carries personal data or may. A view that set its own
    Cache-Control keeps it. Static files are answered before this by WhiteNoise, with theirs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        personal = request.path.startswith("/api/") or request.user.is_authenticated
        if personal and "Cache-Control" not in response:
            add_never_cache_headers(response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
