"""Account actions (writes), in three modules: `login` (throttling, two-factor, password
change), `users` (administering accounts, one-time links), `tokens` (API tokens)."""

from lindung.accounts.services.login import CodeResult
from lindung.accounts.services.login import login_failure_record
from lindung.accounts.services.login import login_locked
from lindung.accounts.services.login import login_lockout_release
from lindung.accounts.services.login import login_success_record
from lindung.accounts.services.login import looks_like_recovery_code
from lindung.accounts.services.login import password_change
from lindung.accounts.services.login import recovery_code_use
from lindung.accounts.services.login import recovery_codes_generate
from lindung.accounts.services.login import recovery_codes_left
from lindung.accounts.services.login import second_factor_check
from lindung.accounts.services.login import totp_begin
from lindung.accounts.services.login import totp_check
from lindung.accounts.services.login import totp_confirm
from lindung.accounts.services.login import totp_uri
from lindung.accounts.services.login import totp_verify
from lindung.accounts.services.staff import staff_create
from lindung.accounts.services.tokens import API_MODULES
from lindung.accounts.services.tokens import api_token_create
from lindung.accounts.services.tokens import api_token_lookup
from lindung.accounts.services.tokens import api_token_revoke
from lindung.accounts.services.tokens import api_token_user
from lindung.accounts.services.users import AccountFields
from lindung.accounts.services.users import Created
from lindung.accounts.services.users import LinkRefused
from lindung.accounts.services.users import account_link_get
from lindung.accounts.services.users import account_link_use
from lindung.accounts.services.users import invitation_send
from lindung.accounts.services.users import password_reset_send
from lindung.accounts.services.users import post_resolve
from lindung.accounts.services.users import public_base_url
from lindung.accounts.services.users import two_factor_reset
from lindung.accounts.services.users import user_create
from lindung.accounts.services.users import user_deactivate
from lindung.accounts.services.users import user_reactivate
from lindung.accounts.services.users import user_update

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
