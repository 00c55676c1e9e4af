"""Fixtures the API tests share."""

import pytest
from django.urls import reverse

from reports.api_auth import create_api_token


@pytest.fixture
def token(board_user):
    return create_api_token(board_user, "Power BI")[1]


@pytest.fixture
def api(client, token):
    """GET an API endpoint by URL name with a bearer token; returns the response."""

    def get(name, **params):
        return client.get(reverse(f"reports:{name}"), params, headers={"Authorization": f"Bearer {token}"})

    return get
