"""Account actions (writes), in three modules: `login` (throttling, two-factor, password
change), `users` (administering accounts, one-time links), `tokens` (API tokens)."""

from lindung.accounts.services.login import (
    CodeResult,
    login_failure_record,
    login_locked,
    login_lockout_release,
    login_success_record,
    looks_like_recovery_code,
    password_change,
    recovery_code_use,
    recovery_codes_generate,
    recovery_codes_left,
    second_factor_check,
    totp_begin,
    totp_check,
    totp_confirm,
    totp_uri,
    totp_verify,
)
from lindung.accounts.services.staff import staff_create
from lindung.accounts.services.tokens import (
    API_MODULES,
    api_token_create,
    api_token_lookup,
    api_token_revoke,
    api_token_user,
)
from lindung.accounts.services.users import (
    AccountFields,
    Created,
    LinkRefused,
    account_link_get,
    account_link_use,
    invitation_send,
    password_reset_send,
    post_resolve,
    public_base_url,
    two_factor_reset,
    user_create,
    user_deactivate,
    user_reactivate,
    user_update,
)

__all__ = [
    "API_MODULES", "AccountFields", "CodeResult", "Created", "LinkRefused", "account_link_get",
    "account_link_use", "api_token_create", "api_token_lookup", "api_token_revoke",
    "api_token_user", "invitation_send", "login_failure_record", "login_locked",
    "login_lockout_release", "login_success_record", "looks_like_recovery_code",
    "password_change", "password_reset_send",
    "post_resolve", "public_base_url", "recovery_code_use", "recovery_codes_generate",
    "recovery_codes_left", "second_factor_check", "staff_create", "totp_begin", "totp_check",
    "totp_confirm", "totp_uri", "totp_verify", "two_factor_reset", "user_create",
    "user_deactivate",
    "user_reactivate", "user_update",
]
