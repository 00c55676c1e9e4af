from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from reports.api_auth import create_api_token, revoke_api_token
from reports.forms import ApiTokenForm
from reports.models import ApiToken
from workforce.permissions import can_view_portal, require


def api_tokens(request):
    """The signed-in user's own API tokens: create one (shown once) or revoke one."""
    require(can_view_portal(request.user))
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = create_api_token(request.user, form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "reports/api_tokens.html", {"form": form, "tokens": tokens, "new_token": new_token})


def api_token_revoke(request, pk):
    require(can_view_portal(request.user) and request.method == "POST")
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_api_token(token)
    messages.success(request, f"The token “{token.name}” has been revoked")
    return redirect("reports:api_tokens")
