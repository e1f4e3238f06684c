from django.conf import settings
from django.utils import translation


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
