"""A real OpenID Connect provider for the tests, built with Authlib's authorization server on Flask.

It serves discovery, a JWKS, a sign-in page (pick a person, as a user would at NHSmail) and a token endpoint
that issues RS256-signed ID tokens, over HTTP on 127.0.0.1. The portal talks to it exactly as it talks to Entra
ID. Tests turn its knobs (`audience`, `lifetime_seconds`, the people) to make it issue bad tokens.
"""

import secrets
import threading
import time
from dataclasses import dataclass, field

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from flask import Flask, jsonify, request
from joserfc.jwk import RSAKey
from markupsafe import escape
from werkzeug.serving import make_server


@dataclass
class Person:
    sub: str
    email: str
    email_verified: bool | None = True


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str] = field(default_factory=list)

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in {"openid", "email", "profile"})

    def check_redirect_uri(self, redirect_uri):
        # Any address on the test machine: the live server's port is only known once it has started.
        return not self.redirect_uris or redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in {"client_secret_basic", "client_secret_post"}

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class AuthorizationCode(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    person: Person
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None


class OidcProvider:
    """The provider and its knobs; `start()` serves it on a free port of 127.0.0.1 in a thread."""

    def __init__(self, *, client_id: str = "portal", client_secret: str = "portal-secret"):
        self.client = Client(client_id, client_secret)
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-signing-key", "use": "sig"}, private=True)
        self.people: dict[str, Person] = {}
        self.codes: dict[str, AuthorizationCode] = {}
        self.reset()
        self.app = self._build_app()
        self._server = None
        self.issuer = ""

    def reset(self) -> None:
        """Back to honest tokens: the portal's audience, valid for an hour, and nobody signed up."""
        self.audience: str | None = None  # None: the client id
        self.lifetime_seconds = 3600
        self.people.clear()
        self.codes.clear()

    def add_person(self, login: str, *, email: str, email_verified: bool | None = True) -> Person:
        person = Person(sub=f"sub-{login}", email=email, email_verified=email_verified)
        self.people[login] = person
        return person

    def start(self) -> None:
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.issuer = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def _build_app(self) -> Flask:
        app = Flask(__name__)
        provider = self
        server = AuthorizationServer(app, query_client=self._query_client, save_token=lambda token, req: None)

        class CodeGrant(grants.AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

            def save_authorization_code(self, code, req):
                provider.codes[code] = AuthorizationCode(
                    code=code,
                    client_id=req.client.get_client_id(),
                    redirect_uri=req.payload.redirect_uri,
                    scope=req.scope,
                    person=req.user,
                    nonce=req.payload.data.get("nonce"),
                    code_challenge=req.payload.data.get("code_challenge"),
                    code_challenge_method=req.payload.data.get("code_challenge_method"),
                    auth_time=int(time.time()),
                )

            def query_authorization_code(self, code, client):
                found = provider.codes.get(code)
                return found if found and found.client_id == client.get_client_id() else None

            def delete_authorization_code(self, authorization_code):
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code):
                return authorization_code.person

        class IdTokens(OpenIDCode):
            def exists_nonce(self, nonce, req):
                return any(code.nonce == nonce for code in provider.codes.values())

            def resolve_client_private_key(self, client):
                return provider.key

            def get_client_algorithm(self, client):
                return "RS256"

            def get_encode_header(self, client):
                return {"alg": "RS256", "kid": provider.key.kid}

            def get_client_claims(self, client):
                now = int(time.time())
                issued = now if provider.lifetime_seconds > 0 else now - 3600
                return {
                    "iss": provider.issuer,
                    "aud": [provider.audience or client.get_client_id()],
                    "azp": client.get_client_id(),
                    "iat": issued,
                    "exp": now + provider.lifetime_seconds,
                }

            def generate_user_info(self, person, scope):
                info = UserInfo(sub=person.sub)
                if "email" in scope.split():
                    info["email"] = person.email
                    if person.email_verified is not None:
                        info["email_verified"] = person.email_verified
                return info

        server.register_grant(CodeGrant, [IdTokens(require_nonce=True), CodeChallenge(required=False)])

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return jsonify(
                issuer=provider.issuer,
                authorization_endpoint=f"{provider.issuer}/authorize",
                token_endpoint=f"{provider.issuer}/token",
                jwks_uri=f"{provider.issuer}/jwks",
                response_types_supported=["code"],
                subject_types_supported=["public"],
                id_token_signing_alg_values_supported=["RS256"],
                scopes_supported=["openid", "email", "profile"],
                token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post"],
                code_challenge_methods_supported=["S256"],
            )

        @app.get("/jwks")
        def jwks():
            return jsonify(keys=[provider.key.as_dict(private=False)])

        @app.route("/authorize", methods=["GET", "POST"])
        def authorize():
            grant = server.get_consent_grant(end_user=None)
            if request.method == "GET":
                options = "".join(
                    f'<option value="{escape(login)}">{escape(person.email)}</option>'
                    for login, person in provider.people.items()
                )
                return (
                    '<!doctype html><html lang="en"><title>Test identity provider</title><main>'
                    "<h1>Test identity provider</h1><form method=post>"
                    f"<label for=login>Account</label><select id=login name=login>{options}</select>"
                    "<button type=submit>Continue</button></form></main></html>"
                )
            person = provider.people.get(request.form.get("login", ""))
            return server.create_authorization_response(grant_user=person, grant=grant)

        @app.post("/token")
        def token():
            return server.create_token_response()

        return app

    def _query_client(self, client_id):
        return self.client if client_id == self.client.client_id else None
