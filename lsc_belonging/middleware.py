"""Response headers the whole portal needs, whatever view answered."""

from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every signed-in response and every download.

    Pages, exports and API answers show figures and names for one signed-in person: neither a shared
    proxy nor the browser's disk cache (a shared computer on a ward) may keep them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)  # a bearer token's user is set by the API view itself
        is_download = response.get("Content-Disposition", "").startswith("attachment")
        if is_download or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response
